// regional-verify FILE --trust FILE [--max-age D] [--quorum N] [--json]: the same checks, output and exit
// codes as `regional bundle verify` (src/Cli/Commands/BundleVerifyCommand.cs, docs/verifying.md section 11).
import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { LicenceFileError, readLicenceFile } from "./licencefile.js";
import { describeAge, formatUniversal, instantFromDate, parseAge, second, type Instant } from "./time.js";
import { checkTrust } from "./trust.js";
import { verifyLicenceFile, type BundleCheck, type Verdict } from "./verify.js";

export const exitCodes = { success: 0, negative: 1, usage: 2 } as const;

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Colour the ticks and verdicts (a terminal). */
  colour: boolean;
  now: () => Instant;
}

const usage = `Usage: regional-verify FILE [--trust FILE] [--max-age D] [--quorum N] [--json]

Check a downloaded licence offline (no network), exactly as \`regional bundle verify\` does: the
checkpoint's signature and cosignatures, the licence entry's inclusion, its status proof and its fields.
VALID as of <time> (exit 0); STALE (exit 1) when the status proof is older than --max-age; REVOKED,
SUSPENDED, EXPIRED, SUPERSEDED, MISMATCH or a failed check (exit 1); usage errors exit 2.
  --trust FILE   the federation's trust file (default: $REGIONAL_CLUSTER/trust.json, else cluster/trust.json)
  --max-age D    how old the status proof may be, e.g. 2h, 90m, 7d (default: the trust file's maxStatusAge, 24h)
  --quorum N     witness cosignatures a checkpoint needs (default: the trust file's witnessQuorum)
  --json         machine-readable output
Example: regional-verify licence.json --trust cluster/trust.json --max-age 2h`;

class UsageError extends Error {
  constructor(message: string, readonly code: number = exitCodes.usage) {
    super(message);
  }
}

interface Options {
  file: string;
  trust: string;
  maxAge: string | null;
  quorum: number | null;
  json: boolean;
}

function parseArgs(args: string[]): Options | "help" {
  const values: Record<string, string> = {};
  const files: string[] = [];
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--help" || arg === "-h" || arg === "-?") return "help";
    if (arg === "--json") {
      json = true;
      continue;
    }
    const [name, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (["--trust", "--max-age", "--quorum"].includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`${name}: a value is required`);
      values[name] = value;
    } else if (arg.startsWith("-") && arg !== "-") {
      throw new UsageError(`unrecognized option '${arg}'`);
    } else {
      files.push(arg);
    }
  }
  if (files.length !== 1) throw new UsageError(files.length === 0 ? "FILE: required, a file written by `regional license download`" : `FILE: got ${files.length} files, want one`);
  const quorumText = values["--quorum"];
  if (quorumText !== undefined && !/^[0-9]+$/.test(quorumText)) throw new UsageError(`--quorum: got '${quorumText}', want a whole number`);
  return {
    file: files[0]!,
    trust: values["--trust"] ?? `${process.env.REGIONAL_CLUSTER ?? "cluster"}/trust.json`,
    maxAge: values["--max-age"] ?? null,
    quorum: quorumText === undefined ? null : Number(quorumText),
    json,
  };
}

/** Runs the command; returns its exit code. */
export function run(args: string[], io: Io): number {
  try {
    const options = parseArgs(args);
    if (options === "help") {
      io.out(usage);
      return exitCodes.success;
    }
    return verify(options, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`regional-verify: ${e.message}`);
      return e.code;
    }
    throw e;
  }
}

function loadTrust(path: string) {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new UsageError(`trust file ${resolve(path)}: ${(e as Error).message}`);
  }
  const checked = checkTrust(json);
  const problems = "problems" in checked ? checked.problems : [];
  if ("trust" in checked && checked.trust.caCertificate !== null) {
    const ca = resolve(dirname(path), checked.trust.caCertificate);
    if (!existsSync(ca)) problems.push(`caCertificate: no file at ${ca}`);
  }
  if (problems.length > 0 || !("trust" in checked)) throw new UsageError(`trust file ${resolve(path)}: ${problems.join("; ")}`);
  return checked.trust;
}

function verify(options: Options, io: Io): number {
  const trust = loadTrust(options.trust);
  let text: string;
  try {
    text = readFileSync(options.file, "utf8");
  } catch (e) {
    throw new UsageError((e as Error).message, exitCodes.negative);
  }
  let file;
  try {
    file = readLicenceFile(JSON.parse(text));
  } catch (e) {
    if (e instanceof LicenceFileError || e instanceof SyntaxError) {
      const message = e instanceof SyntaxError ? `not a downloaded licence or proof bundle (protobuf JSON): ${e.message}` : e.message;
      throw new UsageError(`FILE: ${message}`, exitCodes.negative);
    }
    throw e;
  }
  const maxAge = options.maxAge === null ? trust.maxStatusAge : parseAge(options.maxAge);
  if (maxAge === null) throw new UsageError(`--max-age: got '${options.maxAge}', want a whole number and a unit, e.g. 2h, 90m, 7d`);
  const now = io.now();
  const check = verifyLicenceFile(file, trust, { now, maxStatusAge: maxAge, quorum: options.quorum ?? trust.witnessQuorum });
  if (options.json) io.out(JSON.stringify(jsonReport(check), null, 2));
  else report(check, options.file, now, io);
  return check.valid && !check.stale && check.status === "VALID" ? exitCodes.success : exitCodes.negative;
}

function report(check: BundleCheck, file: string, now: Instant, io: Io): void {
  const paint = (code: string, text: string) => (io.colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const status = (s: Verdict) => paint(s === "VALID" ? "32" : s === "REVOKED" || s === "MISMATCH" ? "31" : "33", s);
  for (const passed of check.passed) io.out(`${paint("32", "\u2713")} ${passed}`);
  const name = check.licenseId.length > 0 ? check.licenseId : "licence";
  if (!check.valid) {
    io.out(`${paint("31", "\u2717")} ${check.failure}: ${check.detail}`);
    io.out(`${name}: ${status(check.status)}`);
    if (check.failure === "MissingStatusProof") io.out(`Refresh it from any region's node: regional bundle refresh ${quote(file)}`);
    return;
  }
  const asOf = `as of ${formatUniversal(check.statusAsOf!)} (${describeAge(now - check.statusAsOf!)} ago)`;
  if (check.stale) {
    io.out(`${name}: ${paint("33", "STALE")}: ${check.status} ${asOf}, older than the ${describeAge(check.maxStatusAge)} allowed`);
    io.out(`Refresh it from any region's node: regional bundle refresh ${quote(file)}`);
  } else {
    io.out(`${name}: ${status(check.status)} ${asOf} (${check.detail})`);
  }
}

/** As `regional bundle verify --json` prints it. */
function jsonReport(check: BundleCheck) {
  const iso = (t: Instant | null) => (t === null ? null : formatUniversal(t).replace(" ", "T").replace("Z", "+00:00"));
  return {
    isValid: check.valid, failure: check.failure, detail: check.detail, status: check.status, licenseId: check.licenseId,
    region: check.region, treeSize: Number(check.treeSize), statusAsOf: iso(check.statusAsOf), isStale: check.stale,
    maxStatusAge: timeSpan(check.maxStatusAge), currentVersion: check.currentVersion, cosignatures: check.cosignatures.map((c) => c.name),
    passed: check.passed, fields: check.fields,
  };
}

/** A duration as .NET's TimeSpan.ToString() writes it: "1.00:00:00", "02:00:00". */
function timeSpan(ns: bigint): string {
  const s = ns / second;
  const two = (n: bigint) => String(n).padStart(2, "0");
  const clock = `${two((s % 86400n) / 3600n)}:${two((s % 3600n) / 60n)}:${two(s % 60n)}`;
  return s >= 86400n ? `${s / 86400n}.${clock}` : clock;
}

function quote(path: string): string {
  const rel = relative(process.cwd(), resolve(path));
  const shown = rel.startsWith("..") ? resolve(path) : rel;
  return /^[\p{L}\p{N}./_-]+$/u.test(shown) ? shown : `'${shown.replace(/'/g, "'\\''")}'`;
}

export const nowFromClock = (): Instant => instantFromDate(new Date());
