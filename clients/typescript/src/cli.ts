#!/usr/bin/env node
// The package's bin: regional-verify (see command.ts).
import { nowFromClock, run } from "./command.js";

process.exitCode = run(process.argv.slice(2), {
  out: (line) => process.stdout.write(line + "\n"),
  err: (line) => process.stderr.write(line + "\n"),
  colour: process.stdout.isTTY === true && !process.env.NO_COLOR,
  now: nowFromClock,
});
