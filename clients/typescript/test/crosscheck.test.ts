// The C# `regional bundle verify` and regional-verify on the same files, the vectors' licence and its
// one-byte changes: the same lines (ticks, failure names, verdicts) and the same exit codes.
// Needs the C# CLI built (dotnet build Regional.sln -c Release, as .ci/run does first); skipped without it
// on a developer's machine, failed without it in CI.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, test } from "node:test";
import { nowFromClock, run } from "../src/command.js";
import { oneByteChanges, validLicence, write } from "./files.js";

const dll = fileURLToPath(new URL("../../../../src/Cli/bin/Release/net10.0/regional.dll", import.meta.url));
const built = existsSync(dll);

/** Output lines with the age ("(3h 5m ago)") left out: the two commands run seconds apart. */
const normalise = (text: string) => text.split("\n").filter((l) => l.length > 0).map((l) => l.replace(/ \([0-9dhms ]+ ago\)/, ""));

function both(args: string[]) {
  const csharp = spawnSync("dotnet", [dll, "bundle", "verify", ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  const out: string[] = [];
  const code = run(args, { out: (l) => out.push(l), err: () => {}, colour: false, now: nowFromClock });
  return { csharp: { code: csharp.status, lines: normalise(csharp.stdout) }, typescript: { code, lines: normalise(out.join("\n")) } };
}

for (const suite of ["gm", "intl"] as const) {
  describe(`C# and TypeScript agree, ${suite}`, { skip: !built && !process.env.CI ? `no C# CLI at ${dll}` : false }, () => {
    const { licence, trustPath } = validLicence(suite);

    test("the C# CLI is built", () => assert.equal(built, true, `build it first: dotnet build Regional.sln -c Release (${dll})`));

    test("the licence: VALID in both", () => {
      const result = both([write(`cross-${suite}.json`, licence), "--trust", trustPath, "--max-age", "3650d"]);
      assert.deepEqual(result.typescript, result.csharp);
      assert.equal(result.csharp.code, 0);
      assert.match(result.csharp.lines.at(-1)!, /^BJ-2026-000123: VALID as of 2026-06-01 07:58:00Z \(in force\)$/);
    });

    for (const change of oneByteChanges(licence)) {
      test(`one byte changed, ${change.name}: the same failure in both`, () => {
        const result = both([write(`cross-changed-${suite}.json`, change.file), "--trust", trustPath, "--max-age", "3650d"]);
        assert.deepEqual(result.typescript, result.csharp);
        assert.equal(result.csharp.code, 1);
      });
    }
  });
}
