// The federation's trust file (docs/verifying.md section 3), checked as Trust/FederationTrust.cs checks it.
import { parseNoteKey, type KeyKind, type NoteKey } from "./notes.js";
import { suiteByName, type Suite } from "./suite.js";
import { defaultMaxAge, parseAge } from "./time.js";

export interface TrustedLog {
  region: string;
  name: string;
  origin: string;
  logKeys: NoteKey[];
  retiredLogKeys: { key: NoteKey; lastTreeSize: bigint }[];
  witnessKeys: NoteKey[];
}

export interface Trust {
  suite: Suite;
  witnessQuorum: number;
  /** Nanoseconds. */
  maxStatusAge: bigint;
  /** The caCertificate path as written, relative to the trust file; null when absent. */
  caCertificate: string | null;
  regions: TrustedLog[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Checks a parsed trust file: the trust, or every problem, each naming its field. */
export function checkTrust(file: unknown): { trust: Trust } | { problems: string[] } {
  if (!isObject(file)) return { problems: ["not a JSON object"] };
  const problems: string[] = [];
  const suite = suiteByName(str(file.suite));
  if (suite === null) problems.push(`suite: got '${str(file.suite)}', want gm or intl`);
  const regions = list(file.regions).filter(isObject);
  if (regions.length === 0) problems.push("regions: empty, want every region of the federation");
  const quorum = file.witnessQuorum === undefined ? 1 : file.witnessQuorum;
  const most = Math.max(0, regions.length - 1);
  if (typeof quorum !== "number" || !Number.isInteger(quorum) || quorum < 0 || quorum > most) {
    problems.push(`witnessQuorum: got ${String(quorum)}, want 0 to ${most} (cosignatures come from the other regions)`);
  }
  const maxStatusAge = file.maxStatusAge == null ? defaultMaxAge : parseAge(str(file.maxStatusAge));
  if (maxStatusAge === null) problems.push(`maxStatusAge: got '${str(file.maxStatusAge)}', want a whole number and a unit, e.g. 24h, 90m, 7d`);
  for (const what of ["id", "origin", "endpoint"]) {
    const values = regions.map((r) => str(r[what]));
    for (const v of new Set(values.filter((v, i) => values.indexOf(v) !== i))) problems.push(`regions: ${what} '${v}' appears more than once`);
  }
  const checked = regions.map((r) => checkRegion(r, suite, problems));
  if (problems.length > 0) return { problems };
  return {
    trust: {
      suite: suite!,
      witnessQuorum: quorum as number,
      maxStatusAge: maxStatusAge!,
      caCertificate: typeof file.caCertificate === "string" ? file.caCertificate : null,
      regions: checked as TrustedLog[],
    },
  };
}

function checkRegion(region: Json, suite: Suite | null, problems: string[]): TrustedLog | null {
  const id = str(region.id);
  const at = `regions[${id}]`;
  if (!/^[a-z]{2,8}$/.test(id)) problems.push(`${at}.id: got '${id}', want 2 to 8 lower-case letters, e.g. bj (its licence ids begin BJ-)`);
  const endpoint = str(region.endpoint);
  let url: URL | null = null;
  try {
    url = new URL(endpoint);
  } catch {
    url = null;
  }
  if (url === null || !["https:", "http:"].includes(url.protocol)) problems.push(`${at}.endpoint: got '${endpoint}', want https://host:port`);
  const origin = str(region.origin);
  if (origin.trim().length === 0) problems.push(`${at}.origin: empty, want the log's origin line, e.g. regional.example/${id}`);
  const logKeys = keys(list(region.logKeys), `${at}.logKeys`, "Signature", suite, problems);
  const witnessKeys = keys(list(region.witnessKeys), `${at}.witnessKeys`, "Cosignature", suite, problems);
  if (logKeys.length === 0) problems.push(`${at}.logKeys: empty, want the log's verifier key`);
  for (const key of logKeys.filter((k) => k.name !== origin)) problems.push(`${at}.logKeys: key '${key.name}' is not named for the origin '${origin}'`);
  const retired: TrustedLog["retiredLogKeys"] = [];
  for (const item of list(region.retiredLogKeys).filter(isObject)) {
    const [key] = keys([item.key], `${at}.retiredLogKeys`, "Signature", suite, problems);
    if (key === undefined) continue;
    const last = BigInt(typeof item.lastTreeSize === "number" || typeof item.lastTreeSize === "string" ? item.lastTreeSize : 0);
    if (key.name !== origin) problems.push(`${at}.retiredLogKeys: key '${key.name}' is not named for the origin '${origin}'`);
    if (logKeys.some((k) => k.text === key.text)) problems.push(`${at}.retiredLogKeys: ${key.text} is also in logKeys; a retired key belongs in retiredLogKeys only`);
    const previous = retired[retired.length - 1];
    if (previous !== undefined && last <= previous.lastTreeSize) {
      problems.push(`${at}.retiredLogKeys: lastTreeSize ${last} after ${previous.lastTreeSize}; list the retired keys oldest first`);
    }
    retired.push({ key, lastTreeSize: last });
  }
  return { region: id, name: str(region.name), origin, logKeys, retiredLogKeys: retired, witnessKeys };
}

function keys(texts: unknown[], at: string, kind: KeyKind, suite: Suite | null, problems: string[]): NoteKey[] {
  const result: NoteKey[] = [];
  for (const text of texts) {
    const parsed = parseNoteKey(str(text));
    if ("error" in parsed) problems.push(`${at}: '${str(text)}': ${parsed.error}`);
    else if (parsed.key.kind !== kind) problems.push(`${at}: '${parsed.key.name}' is a ${parsed.key.kind} key, want a ${kind} key`);
    else if (suite !== null && parsed.key.algorithm !== suite.algorithm) {
      problems.push(`${at}: '${parsed.key.name}' is ${parsed.key.algorithm}, want ${suite.algorithm} for suite ${suite.name}`);
    } else result.push(parsed.key);
  }
  return result;
}

/** The region whose log has that origin. */
export function logByOrigin(trust: Trust, origin: string): TrustedLog | undefined {
  return trust.regions.find((r) => r.origin === origin);
}

/** The witness keys that count for a log: every other region's. */
export function witnessesFor(trust: Trust, log: TrustedLog): NoteKey[] {
  return trust.regions.filter((r) => r.region !== log.region).flatMap((r) => r.witnessKeys);
}
