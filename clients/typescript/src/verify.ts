// Offline verification of a licence bundle (docs/verifying.md section 9), as Bundles/BundleVerifier.cs:
// the same checks in the same order, the same failure names and the same "passed" strings.
import type { Bytes } from "./bytes.js";
import { checkDisclosure, type DisclosedField, type FieldOutcome } from "./digests.js";
import type { EntryInclusion, LicenceFile, ProofBundle, StatusProof } from "./licencefile.js";
import { verifyInclusion } from "./merkle.js";
import { describe, isBy, parseCheckpoint, parseNote, verifyCosignatures, verifyNoteSignature, type Checkpoint, type NoteKey, type SignedNote } from "./notes.js";
import { decodeLedgerEntry, type Message } from "./protobuf.js";
import { encodeEntry, mapKey, mapPathProblem, type StatusMapEntry, type Timestamp } from "./statusmap.js";
import { hashLeaf, type Suite } from "./suite.js";
import { clockSkew, describeAge, formatUniversal, instantOf, isValidTimestamp, type Instant } from "./time.js";
import { logByOrigin, witnessesFor, type Trust, type TrustedLog } from "./trust.js";

export type BundleFailure =
  | "None" | "UnknownOrigin" | "SuiteMismatch" | "MalformedCheckpoint" | "CheckpointMismatch" | "IssuerSignature"
  | "RetiredIssuerKey" | "TooFewCosignatures" | "BadLeaf" | "BadPath" | "BadStatusEntry" | "MissingStatusProof"
  | "BadStatusProof" | "StatusProofDisagrees";

export type Verdict = "VALID" | "REVOKED" | "SUSPENDED" | "EXPIRED" | "MISMATCH" | "UNKNOWN" | "SUPERSEDED";

export interface BundleCheck {
  failure: BundleFailure;
  /** What went wrong, or a summary of what was proven; for people. */
  detail: string;
  valid: boolean;
  status: Verdict;
  licenseId: string;
  region: string;
  treeSize: bigint;
  cosignatures: { name: string; seconds: bigint }[];
  fields: { name: string; outcome: FieldOutcome }[];
  statusAsOf: Instant | null;
  stale: boolean;
  maxStatusAge: bigint;
  currentVersion: number | null;
  /** The checks that passed, in order. */
  passed: string[];
}

export interface VerifyOptions {
  /** The verifier's clock (nanoseconds since the epoch). */
  now: Instant;
  /** Overrides the trust file's maxStatusAge (nanoseconds). */
  maxStatusAge?: bigint;
  /** Overrides the trust file's witnessQuorum. */
  quorum?: number;
}

const ACTIVE = 1, SUSPENDED = 2, REVOKED = 3;
const statusNames: Record<number, string> = { 1: "Active", 2: "Suspended", 3: "Revoked" };

function fail(failure: BundleFailure, detail: string, passed: string[], maxStatusAge: bigint): BundleCheck {
  return {
    failure, detail, valid: false, status: "UNKNOWN", licenseId: "", region: "", treeSize: 0n, cosignatures: [], fields: [],
    statusAsOf: null, stale: false, maxStatusAge, currentVersion: null, passed,
  };
}

/** Verifies a licence file against the trust; never throws for bad input: the result says what failed. */
export function verifyLicenceFile(file: LicenceFile, trust: Trust, options: VerifyOptions): BundleCheck {
  return verifyBundle(file.proof, trust, options, file.document?.fields ?? []);
}

export function verifyBundle(bundle: ProofBundle, trust: Trust, options: VerifyOptions, disclosed: DisclosedField[] = []): BundleCheck {
  const maxAge = options.maxStatusAge ?? trust.maxStatusAge;
  const quorum = options.quorum ?? trust.witnessQuorum;
  const passed: string[] = [];
  const log = logByOrigin(trust, bundle.origin);
  if (log === undefined) return fail("UnknownOrigin", `origin '${bundle.origin}' is not a log of the trust policy`, passed, maxAge);
  if (bundle.suite !== trust.suite.id) return fail("SuiteMismatch", `bundle suite ${bundle.suite}, federation suite ${trust.suite.id}`, passed, maxAge);
  const note = parseNote(bundle.checkpoint);
  const body = "note" in note ? parseCheckpoint(note.note.text) : note;
  if ("error" in note || "error" in body) return fail("MalformedCheckpoint", "error" in note ? note.error : (body as { error: string }).error, passed, maxAge);
  const checkpoint = body.checkpoint;
  if (checkpoint.origin !== bundle.origin || checkpoint.size !== bundle.treeSize) {
    return fail("CheckpointMismatch", `checkpoint is for ${checkpoint.origin} size ${checkpoint.size}, bundle for ${bundle.origin} size ${bundle.treeSize}`, passed, maxAge);
  }
  passed.push("checkpoint well formed");
  const issuer = checkIssuer(log, note.note, checkpoint.size);
  if (issuer !== null) return fail(issuer.failure, issuer.detail, passed, maxAge);
  passed.push(`issuer signature of ${log.region}`);
  const cosignatures = verifyCosignatures(note.note, witnessesFor(trust, log));
  const counted = cosignatures.verified.filter((c, i, all) => all.findIndex((o) => o.name === c.name) === i);
  if (counted.length < quorum) {
    const failed = cosignatures.failed.length > 0 ? `; failed: ${cosignatures.failed.map((f) => `${f.name} (${f.reason})`).join(", ")}` : "";
    return fail("TooFewCosignatures", `${counted.length} valid cosignatures, want ${quorum}${failed}`, passed, maxAge);
  }
  passed.push(`${counted.length} witness cosignatures (quorum ${quorum})`);
  const result = checkEntries(bundle, trust.suite, log, checkpoint, options.now, disclosed, passed, maxAge);
  return { ...result, cosignatures: result.valid ? counted.map((c) => ({ name: c.name, seconds: c.seconds })) : [] };
}

/** The issuer rule with retired keys (Bundles/IssuerKeyCheck.cs); null when it holds. */
function checkIssuer(log: TrustedLog, note: SignedNote, size: bigint): { failure: BundleFailure; detail: string } | null {
  const known = [...log.logKeys, ...log.retiredLogKeys.map((r) => r.key)].filter((k, i, all) => all.findIndex((o) => o.text === k.text) === i);
  const valid: NoteKey[] = [];
  for (const s of note.signatures) {
    const key = known.find((k) => isBy(k, s));
    if (key === undefined) continue;
    if (!verifyNoteSignature(key, note.text, s.signature)) {
      return { failure: "IssuerSignature", detail: `BadIssuerSignature: the signature of log key ${describe(key)} does not verify` };
    }
    valid.push(key);
  }
  if (valid.length === 0) {
    return { failure: "IssuerSignature", detail: `MissingIssuerSignature: no signature by a trusted key of ${log.origin} (trusted: ${known.map(describe).join(", ")})` };
  }
  for (const key of valid) {
    const bounds = log.retiredLogKeys.filter((r) => r.key.text === key.text).map((r) => r.lastTreeSize);
    const last = bounds.length === 0 ? null : bounds.reduce((a, b) => (a > b ? a : b));
    if (last !== null && size > last) {
      return {
        failure: "RetiredIssuerKey",
        detail: `RetiredIssuerKey: signed by a retired key beyond its last size: ${describe(key)} signed ${log.origin} up to size ${last}, this checkpoint is size ${size}`,
      };
    }
  }
  return null;
}

interface LicenceEntry {
  licenseId: string;
  validity: { notBefore: Timestamp | null; notAfter: Timestamp | null } | null;
  digests: { name: string; digest: Bytes }[];
  version: number;
}

function licenceEntry(entry: Message | null, region: string): LicenceEntry | null {
  if (entry === null || (entry.region ?? "") !== region) return null;
  const kind = entry.kind === "licenseIssued" || entry.kind === "licenseAmended" ? (entry[entry.kind] as Message) : null;
  if (kind === null) return null;
  const validity = kind.validity as Message | undefined;
  const time = (t: unknown): Timestamp | null => (t === undefined ? null : { seconds: ((t as Message).seconds as bigint) ?? 0n, nanos: ((t as Message).nanos as number) ?? 0 });
  const result: LicenceEntry = {
    licenseId: (kind.licenseId as string) ?? "",
    validity: validity === undefined ? null : { notBefore: time(validity.notBefore), notAfter: time(validity.notAfter) },
    digests: ((kind.fieldDigests as Message[]) ?? []).map((d) => ({ name: (d.name as string) ?? "", digest: (d.digest as Bytes) ?? new Uint8Array() })),
    version: entry.kind === "licenseIssued" ? 1 : ((kind.version as number) ?? 0),
  };
  return isValidTimestamp(result.validity?.notBefore) && isValidTimestamp(result.validity?.notAfter) ? result : null;
}

function inclusionProblem(suite: Suite, entry: Bytes, leafIndex: bigint, path: Bytes[], checkpoint: Checkpoint): string | null {
  const check = verifyInclusion(suite, leafIndex, checkpoint.size, hashLeaf(suite, entry), path, checkpoint.rootHash);
  return check.failure === "None" ? null : `${check.failure}: ${check.detail}`;
}

function isAllowedChange(from: number, to: number): boolean {
  return (from === ACTIVE && (to === SUSPENDED || to === REVOKED)) || (from === SUSPENDED && (to === ACTIVE || to === REVOKED));
}

function checkEntries(bundle: ProofBundle, suite: Suite, log: TrustedLog, checkpoint: Checkpoint, now: Instant,
  disclosed: DisclosedField[], passed: string[], maxAge: bigint): BundleCheck {
  const licence = licenceEntry(decodeLedgerEntry(bundle.entry), log.region);
  if (licence === null) return fail("BadLeaf", "the entry is not a licence issued or amended in this region's log", passed, maxAge);
  const pathProblem = inclusionProblem(suite, bundle.entry, bundle.leafIndex, bundle.inclusionPath, checkpoint);
  if (pathProblem !== null) return fail("BadPath", `licence entry at leaf ${bundle.leafIndex}: ${pathProblem}`, passed, maxAge);
  passed.push(`licence entry included at leaf ${bundle.leafIndex}`);

  let status = ACTIVE;
  let previous: bigint | null = null;
  for (const item of bundle.statusEntries) {
    const entry = decodeLedgerEntry(item.entry);
    const change = entry?.kind === "licenseStatusChanged" ? (entry.licenseStatusChanged as Message) : null;
    const to = (change?.status as number) ?? 0;
    if (change === null || ((change.licenseId as string) ?? "") !== licence.licenseId || (previous !== null && item.leafIndex <= previous) || !isAllowedChange(status, to)) {
      return fail("BadStatusEntry", `status entry at leaf ${item.leafIndex} is not a later, allowed status change of ${licence.licenseId} (now ${statusNames[status]})`, passed, maxAge);
    }
    const problem = inclusionProblem(suite, item.entry, item.leafIndex, item.inclusionPath, checkpoint);
    if (problem !== null) return fail("BadStatusEntry", `status entry at leaf ${item.leafIndex}: ${problem}`, passed, maxAge);
    status = to;
    previous = item.leafIndex;
  }
  if (bundle.statusEntries.length > 0) passed.push(`${bundle.statusEntries.length} status entries included`);
  if (bundle.statusProof === null) {
    return fail("MissingStatusProof", "the bundle carries no status proof, so it cannot show that no later revocation was left out: refresh it from any region's node", passed, maxAge);
  }
  const proven = checkStatusProof(suite, log.region, checkpoint, bundle.statusProof, licence.licenseId);
  if ("problem" in proven) return fail("BadStatusProof", proven.problem, passed, maxAge);
  if (proven.asOf - now > clockSkew) {
    return fail("BadStatusProof", `the status is as of ${formatUniversal(proven.asOf)}, ${describeAge(proven.asOf - now)} ahead of this machine's clock`, passed, maxAge);
  }
  const map = proven.entry;
  const last = previous !== null && previous > bundle.leafIndex ? previous : bundle.leafIndex;
  const disagreement = disagree(map, licence, status, bundle.leafIndex, last);
  if (disagreement !== null) return fail("StatusProofDisagrees", `status map entry of ${licence.licenseId}: ${disagreement}`, passed, maxAge);
  passed.push(`status map entry proven as of ${formatUniversal(proven.asOf)} (StatusRoot at leaf ${proven.rootLeaf})`);

  const fields = disclosed.length === 0 ? null : checkDisclosure(suite, licence.digests, disclosed);
  if (fields !== null) passed.push(fields.valid ? `${disclosed.length} disclosed fields match` : "disclosed fields checked");
  let [verdict, detail] = decide(map.status, licence.validity, fields?.valid ?? true, now);
  if (map.version > licence.version && (verdict === "VALID" || verdict === "EXPIRED")) {
    [verdict, detail] = ["SUPERSEDED", `this copy is version ${licence.version}; the licence was amended to version ${map.version} (leaf ${map.leafIndex}): get the current version`];
  }
  return {
    failure: "None", detail, valid: true, status: verdict, licenseId: licence.licenseId, region: log.region, treeSize: checkpoint.size,
    cosignatures: [], fields: fields?.fields ?? [], statusAsOf: proven.asOf, stale: now - proven.asOf > maxAge, maxStatusAge: maxAge,
    currentVersion: map.version > licence.version ? map.version : null, passed,
  };
}

function sameTime(a: Timestamp | null | undefined, b: Timestamp | null | undefined): boolean {
  return a == null || b == null ? a == null && b == null : a.seconds === b.seconds && a.nanos === b.nanos;
}

function disagree(map: StatusMapEntry, licence: LicenceEntry, status: number, entryLeaf: bigint, last: bigint): string | null {
  if (map.version < licence.version) return `version ${map.version}, but the bundle's entry is version ${licence.version}`;
  if (map.version > licence.version) {
    return map.leafIndex >= last && map.leafIndex > entryLeaf ? null : `version ${map.version} set at leaf ${map.leafIndex}, before the bundle's entries (leaf ${last})`;
  }
  if (map.leafIndex !== last) return `state set at leaf ${map.leafIndex}, but the bundle's latest entry for the licence is leaf ${last}`;
  if (map.status !== status) return `status ${statusNames[map.status] ?? map.status}, but the bundle's entries give ${statusNames[status]}`;
  return sameTime(map.notAfter, licence.validity?.notAfter) ? null : "validity end differs from the licence entry's";
}

function decide(status: number, validity: LicenceEntry["validity"], fieldsMatch: boolean, now: Instant): [Verdict, string] {
  if (!fieldsMatch) return ["MISMATCH", "a disclosed field does not match the committed digest"];
  if (status === REVOKED) return ["REVOKED", "revoked by the issuer"];
  if (status === SUSPENDED) return ["SUSPENDED", "suspended by the issuer"];
  if (validity?.notBefore && now < instantOf(validity.notBefore)) return ["SUSPENDED", `not in force until ${formatUniversal(instantOf(validity.notBefore))}`];
  if (validity?.notAfter && now >= instantOf(validity.notAfter)) return ["EXPIRED", `expired at ${formatUniversal(instantOf(validity.notAfter))}`];
  return ["VALID", "in force"];
}

/** Bundles/StatusProofCheck.cs: the proven map entry and its time, or the problem. */
function checkStatusProof(suite: Suite, region: string, checkpoint: Checkpoint, proof: StatusProof, licenseId: string):
  { entry: StatusMapEntry; asOf: Instant; rootLeaf: bigint } | { problem: string } {
  const root = statusRoot(suite, region, checkpoint, proof.rootEntry);
  if ("problem" in root) return root;
  const entry = proof.entry;
  if (entry === null || entry.licenseId !== licenseId) return { problem: `the status proof is not about ${licenseId}` };
  const value = encodeEntry(entry);
  if (value === null) return { problem: "the status map entry is malformed" };
  if (entry.leafIndex >= checkpoint.size || !isValidTimestamp(entry.notAfter)) {
    return { problem: "the status map entry names a leaf beyond the checkpoint or an out-of-range validity end" };
  }
  const problem = mapPathProblem(suite, root.root, mapKey(suite, licenseId), value, proof.mapPath);
  if (problem !== null) return { problem: `status map path of ${licenseId}: ${problem}` };
  return { entry, asOf: root.asOf, rootLeaf: proof.rootEntry!.leafIndex };
}

function statusRoot(suite: Suite, region: string, checkpoint: Checkpoint, rootEntry: EntryInclusion | null):
  { root: Bytes; asOf: Instant } | { problem: string } {
  if (rootEntry === null || checkpoint.size === 0n || rootEntry.leafIndex !== checkpoint.size - 1n) {
    return { problem: `the StatusRoot entry must be the checkpoint's last leaf (${checkpoint.size === 0n ? "none" : checkpoint.size - 1n}), got leaf ${rootEntry?.leafIndex ?? "none"}` };
  }
  const entry = decodeLedgerEntry(rootEntry.entry);
  const root = entry?.kind === "statusRoot" ? (((entry.statusRoot as Message).root as Bytes) ?? new Uint8Array()) : null;
  const recorded = entry?.recordedAt as Message | undefined;
  const time = recorded === undefined ? null : { seconds: (recorded.seconds as bigint) ?? 0n, nanos: (recorded.nanos as number) ?? 0 };
  if (entry === null || root === null || (entry.region ?? "") !== region || root.length !== 32 || time === null || !isValidTimestamp(time)) {
    return { problem: `leaf ${rootEntry.leafIndex} is not a StatusRoot entry of region ${region} with a time` };
  }
  const problem = inclusionProblem(suite, rootEntry.entry, rootEntry.leafIndex, rootEntry.inclusionPath, checkpoint);
  if (problem !== null) return { problem: `StatusRoot entry at leaf ${rootEntry.leafIndex}: ${problem}` };
  return { root, asOf: instantOf(time) };
}

