// The status map (docs/verifying.md section 8, docs/status-proofs.md), as StatusMap/StatusMapHashing.cs
// and StatusMapProof.cs.
import { concat, encodeUtf8, equal, writeU64, type Bytes } from "./bytes.js";
import type { Suite } from "./suite.js";

export interface Timestamp {
  seconds: bigint;
  nanos: number;
}

export interface StatusMapEntry {
  licenseId: string;
  /** 1 ACTIVE, 2 SUSPENDED, 3 REVOKED. */
  status: number;
  version: number;
  leafIndex: bigint;
  notAfter: Timestamp | null;
}

const zero = new Uint8Array(32);

export function mapKey(suite: Suite, licenseId: string): Bytes {
  return suite.hash(concat(Uint8Array.of(0x02), encodeUtf8(licenseId) ?? new Uint8Array()));
}

/** The canonical value bytes, or null when the entry cannot be encoded (id over 65535 bytes, not a status). */
export function encodeEntry(entry: StatusMapEntry): Bytes | null {
  const id = encodeUtf8(entry.licenseId);
  if (id === null || id.length > 0xffff || ![1, 2, 3].includes(entry.status)) return null;
  const head = new Uint8Array(3);
  head[0] = 0x01;
  head[1] = id.length >> 8;
  head[2] = id.length & 0xff;
  const version = new Uint8Array(4);
  new DataView(version.buffer).setUint32(0, entry.version >>> 0);
  const parts = [head, id, Uint8Array.of(entry.status), version, writeU64(entry.leafIndex)];
  if (entry.notAfter === null) {
    parts.push(Uint8Array.of(0));
  } else {
    const end = new Uint8Array(12);
    new DataView(end.buffer).setBigInt64(0, entry.notAfter.seconds);
    new DataView(end.buffer).setInt32(8, entry.notAfter.nanos);
    parts.push(Uint8Array.of(1), end);
  }
  return concat(...parts);
}

export const valueHash = (suite: Suite, value: Bytes): Bytes => suite.hash(concat(Uint8Array.of(0x03), value));
export const leafHash = (suite: Suite, key: Bytes, value: Bytes): Bytes => suite.hash(concat(Uint8Array.of(0x04), key, value));
export const nodeHash = (suite: Suite, left: Bytes, right: Bytes): Bytes => suite.hash(concat(Uint8Array.of(0x05), left, right));

const bit = (key: Bytes, index: number): number => (key[index >> 3]! >> (7 - (index & 7))) & 1;
const isEmpty = (sibling: Bytes): boolean => sibling.length === 0 || equal(sibling, zero);

/** Why a membership path of key holding value does not lead to root, or null when it does. */
export function mapPathProblem(suite: Suite, root: Bytes, key: Bytes, value: Bytes, siblings: Bytes[]): string | null {
  if (key.length !== 32 || root.length !== 32) return "key and root must be 32 bytes";
  const depth = siblings.length;
  if (depth > 256) return `path of ${depth} levels, want at most 256`;
  if (siblings.some((s) => s.length !== 0 && s.length !== 32)) return "a sibling hash is neither empty nor 32 bytes";
  if (depth > 0 && isEmpty(siblings[depth - 1]!)) return "the path ends beside an empty subtree, where no honest map has a node";
  let hash = leafHash(suite, key, valueHash(suite, value));
  for (let i = depth - 1; i >= 0; i--) {
    const sibling = isEmpty(siblings[i]!) ? zero : siblings[i]!;
    hash = bit(key, i) === 0 ? nodeHash(suite, hash, sibling) : nodeHash(suite, sibling, hash);
  }
  return equal(hash, root) ? null : "the path does not lead to the root";
}
