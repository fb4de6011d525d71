// Reading a licence file: the proto3 JSON of DownloadLicenseResponse ({document, proof}) as
// `regional license download` writes it, or of a bare ProofBundle (docs/verifying.md section 1).
// Like the C# JSON parser: lowerCamelCase or proto names, unknown members refused, null for absent.
import { decodeBase64Json, type Bytes } from "./bytes.js";
import type { DisclosedField } from "./digests.js";
import type { StatusMapEntry, Timestamp } from "./statusmap.js";

export interface EntryInclusion {
  entry: Bytes;
  leafIndex: bigint;
  inclusionPath: Bytes[];
}

export interface StatusProof {
  entry: StatusMapEntry | null;
  mapPath: Bytes[];
  rootEntry: EntryInclusion | null;
  otherKey: Bytes;
  otherValueHash: Bytes;
}

export interface ProofBundle {
  origin: string;
  entry: Bytes;
  leafIndex: bigint;
  treeSize: bigint;
  inclusionPath: Bytes[];
  checkpoint: string;
  /** 1 GM, 2 INTL, 0 unspecified. */
  suite: number;
  statusEntries: EntryInclusion[];
  statusProof: StatusProof | null;
}

export interface LicenseDocument {
  licenseId: string;
  licenseType: string;
  issuingRegion: string;
  issuingDepartment: string;
  version: number;
  validity: { notBefore: Timestamp | null; notAfter: Timestamp | null } | null;
  fields: DisclosedField[];
}

export interface LicenceFile {
  proof: ProofBundle;
  document: LicenseDocument | null;
}

export class LicenceFileError extends Error {}

type Json = Record<string, unknown>;
type Reader<T> = (value: unknown, at: string) => T;

const camel = (name: string): string => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** A message reader: each member by its lowerCamelCase or proto name, unknown members refused. */
function message<T>(fields: { [proto: string]: Reader<unknown> }, build: (values: Json) => T): Reader<T> {
  return (value, at) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw new LicenceFileError(`${at}: want an object`);
    const values: Json = {};
    for (const [key, member] of Object.entries(value)) {
      const proto = Object.keys(fields).find((f) => f === key || camel(f) === key);
      if (proto === undefined) throw new LicenceFileError(`${at}: unknown member '${key}'`);
      if (member !== null) values[proto] = fields[proto]!(member, `${at}.${key}`);
    }
    return build(values);
  };
}

const string: Reader<string> = (v, at) => {
  if (typeof v !== "string") throw new LicenceFileError(`${at}: want a string`);
  return v;
};

const bytes: Reader<Bytes> = (v, at) => {
  const decoded = typeof v === "string" ? decodeBase64Json(v) : null;
  if (decoded === null) throw new LicenceFileError(`${at}: want base64`);
  return decoded;
};

function integer(bits: 32 | 64): Reader<bigint> {
  return (v, at) => {
    const text = typeof v === "number" ? (Number.isInteger(v) ? String(v) : "x") : typeof v === "string" ? v : "x";
    if (!/^[0-9]+$/.test(text) || BigInt(text) >= 1n << BigInt(bits)) throw new LicenceFileError(`${at}: want an unsigned ${bits}-bit integer`);
    return BigInt(text);
  };
}

function enumeration(prefix: string, names: string[]): Reader<number> {
  return (v, at) => {
    if (typeof v === "number" && Number.isInteger(v)) return v;
    const index = typeof v === "string" ? names.indexOf(v.startsWith(prefix) ? v.slice(prefix.length) : "\u0000") : -1;
    if (index < 0) throw new LicenceFileError(`${at}: want one of ${names.map((n) => prefix + n).join(", ")}`);
    return index;
  };
}

const repeated = <T>(item: Reader<T>): Reader<T[]> => (v, at) => {
  if (!Array.isArray(v)) throw new LicenceFileError(`${at}: want an array`);
  return v.map((x, i) => item(x, `${at}[${i}]`));
};

/** An RFC 3339 time as proto3 JSON writes a Timestamp: "2026-06-01T07:58:00Z", fractions and offsets allowed. */
const timestamp: Reader<Timestamp> = (v, at) => {
  const m = typeof v === "string" ? /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(v) : null;
  if (m === null) throw new LicenceFileError(`${at}: want an RFC 3339 time`);
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  let seconds = BigInt(date.getTime() / 1000);
  if (m[8] !== "Z") {
    const sign = m[8]!.startsWith("-") ? -1n : 1n;
    seconds -= sign * BigInt(Number(m[8]!.slice(1, 3)) * 3600 + Number(m[8]!.slice(4, 6)) * 60);
  }
  return { seconds, nanos: Number((m[7] ?? "").padEnd(9, "0")) };
};

const u64 = integer(64);
const u32: Reader<number> = (v, at) => Number(integer(32)(v, at));

const entryInclusion = message({ entry: bytes, leaf_index: u64, inclusion_path: repeated(bytes) }, (v): EntryInclusion => ({
  entry: (v.entry as Bytes) ?? new Uint8Array(),
  leafIndex: (v.leaf_index as bigint) ?? 0n,
  inclusionPath: (v.inclusion_path as Bytes[]) ?? [],
}));

const statusMapEntry = message({
  license_id: string,
  status: enumeration("LICENSE_STATUS_", ["UNSPECIFIED", "ACTIVE", "SUSPENDED", "REVOKED"]),
  version: u32,
  leaf_index: u64,
  not_after: timestamp,
}, (v): StatusMapEntry => ({
  licenseId: (v.license_id as string) ?? "",
  status: (v.status as number) ?? 0,
  version: (v.version as number) ?? 0,
  leafIndex: (v.leaf_index as bigint) ?? 0n,
  notAfter: (v.not_after as Timestamp) ?? null,
}));

const statusProof = message({
  entry: statusMapEntry, map_path: repeated(bytes), root_entry: entryInclusion, other_key: bytes, other_value_hash: bytes,
}, (v): StatusProof => ({
  entry: (v.entry as StatusMapEntry) ?? null,
  mapPath: (v.map_path as Bytes[]) ?? [],
  rootEntry: (v.root_entry as EntryInclusion) ?? null,
  otherKey: (v.other_key as Bytes) ?? new Uint8Array(),
  otherValueHash: (v.other_value_hash as Bytes) ?? new Uint8Array(),
}));

export const proofBundle = message({
  origin: string, entry: bytes, leaf_index: u64, tree_size: u64, inclusion_path: repeated(bytes), checkpoint: string,
  suite: enumeration("CRYPTO_SUITE_", ["UNSPECIFIED", "GM", "INTL"]), status_entries: repeated(entryInclusion), status_proof: statusProof,
}, (v): ProofBundle => ({
  origin: (v.origin as string) ?? "",
  entry: (v.entry as Bytes) ?? new Uint8Array(),
  leafIndex: (v.leaf_index as bigint) ?? 0n,
  treeSize: (v.tree_size as bigint) ?? 0n,
  inclusionPath: (v.inclusion_path as Bytes[]) ?? [],
  checkpoint: (v.checkpoint as string) ?? "",
  suite: (v.suite as number) ?? 0,
  statusEntries: (v.status_entries as EntryInclusion[]) ?? [],
  statusProof: (v.status_proof as StatusProof) ?? null,
}));

const disclosedField = message({ name: string, value: string, salt: bytes }, (v): DisclosedField => ({
  name: (v.name as string) ?? "", value: (v.value as string) ?? "", salt: (v.salt as Bytes) ?? new Uint8Array(),
}));

const validity = message({ not_before: timestamp, not_after: timestamp }, (v) => ({
  notBefore: (v.not_before as Timestamp) ?? null, notAfter: (v.not_after as Timestamp) ?? null,
}));

const licenseDocument = message({
  license_id: string, license_type: string, issuing_region: string, issuing_department: string, version: u32,
  validity, fields: repeated(disclosedField),
}, (v): LicenseDocument => ({
  licenseId: (v.license_id as string) ?? "",
  licenseType: (v.license_type as string) ?? "",
  issuingRegion: (v.issuing_region as string) ?? "",
  issuingDepartment: (v.issuing_department as string) ?? "",
  version: (v.version as number) ?? 0,
  validity: (v.validity as LicenseDocument["validity"]) ?? null,
  fields: (v.fields as DisclosedField[]) ?? [],
}));

const download = message({ document: licenseDocument, proof: proofBundle }, (v) => ({
  document: (v.document as LicenseDocument) ?? null, proof: (v.proof as ProofBundle) ?? null,
}));

/** A downloaded licence (its proof and document) or a bare proof bundle, from parsed JSON. */
export function readLicenceFile(json: unknown): LicenceFile {
  try {
    const file = download(json, "file");
    if (file.proof !== null) return { proof: file.proof, document: file.document };
  } catch (e) {
    if (!(e instanceof LicenceFileError)) throw e;
  }
  try {
    return { proof: proofBundle(json, "file"), document: null };
  } catch (e) {
    if (e instanceof LicenceFileError) throw new LicenceFileError(`not a downloaded licence or proof bundle (protobuf JSON): ${e.message}`);
    throw e;
  }
}
