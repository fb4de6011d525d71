// C2SP signed notes, checkpoints, note verifier keys and cosignature/v1 (docs/verifying.md sections 4
// and 5), as Notes/*.cs.
import { sha256 } from "@noble/hashes/sha2.js";
import { concat, decodeBase64Strict, isWellFormed, readU32, readU64, utf8, type Bytes } from "./bytes.js";
import { isPublicKey, verifySignature, type Algorithm } from "./suite.js";

export type KeyKind = "Signature" | "Cosignature";

export interface NoteKey {
  name: string;
  keyId: number;
  algorithm: Algorithm;
  kind: KeyKind;
  publicKey: Bytes;
  /** The key's text, name+hhhhhhhh+base64. */
  text: string;
}

const sm2Type = concat(Uint8Array.of(0xff), utf8("regional/sm2"));
const sm2CosignatureType = concat(Uint8Array.of(0xff), utf8("regional/sm2-cosignature/v1"));
const types: [Algorithm, KeyKind, Bytes, number][] = [
  ["Ed25519", "Signature", Uint8Array.of(0x01), 32],
  ["Ed25519", "Cosignature", Uint8Array.of(0x04), 32],
  ["Sm2", "Signature", sm2Type, 65],
  ["Sm2", "Cosignature", sm2CosignatureType, 65],
];

// Unicode White_Space, as .NET's Rune.IsWhiteSpace.
const whiteSpace = /[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;

/** Why text cannot be note text (a lone surrogate, a control character but newline), or null. */
export function textError(text: string): string | null {
  if (!isWellFormed(text)) return "invalid UTF-8 (lone surrogate)";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x0a) return `control character U+${c.toString(16).toUpperCase().padStart(4, "0")} at offset ${i}`;
  }
  return null;
}

export function nameError(name: string): string | null {
  if (name.length === 0) return "key name is empty";
  const text = textError(name);
  if (text !== null) return `key name: ${text}`;
  return whiteSpace.test(name) || name.includes("+") ? `key name '${name}' contains a space, newline or '+'` : null;
}

/** SHA-256(name || 0x0A || type || public key)[:4], big-endian, in every suite. */
export function keyId(name: string, typeAndKey: Bytes): number {
  return readU32(sha256(concat(utf8(name), Uint8Array.of(0x0a), typeAndKey)));
}

export function formatKeyId(id: number): string {
  return id.toString(16).padStart(8, "0");
}

/** Reads a note verifier key, or says why it is not one. */
export function parseNoteKey(text: string): { key: NoteKey } | { error: string } {
  const first = text.indexOf("+");
  const second = first < 0 ? -1 : text.indexOf("+", first + 1);
  if (second < 0) return { error: "verifier key: want name+keyid+base64" };
  const [name, id, base64] = [text.slice(0, first), text.slice(first + 1, second), text.slice(second + 1)];
  const bad = nameError(name);
  if (bad !== null) return { error: `verifier key: ${bad}` };
  if (!/^[0-9a-f]{8}$/.test(id)) return { error: `verifier key: key ID '${id}' is not 8 lowercase hex digits` };
  const encoded = decodeBase64Strict(base64);
  if (encoded === null) return { error: "verifier key: key is not canonical base64" };
  const type = types.find(([, , bytes, size]) => encoded.length === bytes.length + size && bytes.every((b, i) => encoded[i] === b));
  if (type === undefined) return { error: "verifier key: unknown signature type or wrong key length" };
  const [algorithm, kind, typeBytes] = type;
  const publicKey = encoded.subarray(typeBytes.length);
  if (!isPublicKey(algorithm, publicKey)) return { error: `verifier key: ${algorithm} public key is not a valid point` };
  const computed = keyId(name, encoded);
  if (formatKeyId(computed) !== id) return { error: `verifier key: key ID ${id} does not match the key, want ${formatKeyId(computed)}` };
  return { key: { name, keyId: computed, algorithm, kind, publicKey, text } };
}

export interface NoteSignature {
  name: string;
  keyId: number;
  /** The bytes after the key ID. */
  signature: Bytes;
}

export interface SignedNote {
  /** The signed text, with its final newline. */
  text: string;
  signatures: NoteSignature[];
}

export const maxSignatures = 100;

/** Reads a signed note strictly, or says what is wrong with it. */
export function parseNote(note: string): { note: SignedNote } | { error: string } {
  const bad = textError(note);
  if (bad !== null) return { error: `note: ${bad}` };
  if (!note.endsWith("\n")) return { error: "note: does not end with a newline (truncated or trailing garbage)" };
  const separator = note.lastIndexOf("\n\n");
  if (separator < 0) return { error: "note: no blank line between the text and the signatures" };
  const block = note.slice(separator + 2);
  if (block.length === 0) return { error: "note: no signature lines after the last blank line" };
  const lines = block.slice(0, -1).split("\n");
  if (lines.length > maxSignatures) return { error: `note: ${lines.length} signature lines, at most ${maxSignatures} allowed` };
  const signatures: NoteSignature[] = [];
  for (const line of lines) {
    if (!line.startsWith("\u2014 ")) return { error: `note: signature line '${line}' does not start with an em dash (U+2014) and a space` };
    const rest = line.slice(2);
    const space = rest.indexOf(" ");
    if (space < 0) return { error: `note: signature line '${line}': want '\u2014 name base64'` };
    const name = rest.slice(0, space);
    const nameProblem = nameError(name);
    if (nameProblem !== null) return { error: `note: signature line: ${nameProblem}` };
    const bytes = decodeBase64Strict(rest.slice(space + 1));
    if (bytes === null) return { error: `note: signature line of '${name}': the signature is not canonical base64` };
    if (bytes.length < 5) return { error: `note: signature line of '${name}': got ${bytes.length} bytes, want at least 5 (key ID and signature)` };
    const signature = { name, keyId: readU32(bytes), signature: bytes.subarray(4) };
    if (signatures.some((s) => s.name === name && s.keyId === signature.keyId)) {
      return { error: `note: two signatures by ${name}+${formatKeyId(signature.keyId)}` };
    }
    signatures.push(signature);
  }
  return { note: { text: note.slice(0, separator + 1), signatures } };
}

export interface Checkpoint {
  origin: string;
  size: bigint;
  rootHash: Bytes;
  extensions: string[];
}

/** Reads a checkpoint body strictly. */
export function parseCheckpoint(text: string): { checkpoint: Checkpoint } | { error: string } {
  const bad = textError(text);
  if (bad !== null) return { error: `checkpoint text: ${bad}` };
  if (!text.endsWith("\n")) return { error: "checkpoint text: does not end with a newline" };
  const lines = text.slice(0, -1).split("\n");
  if (lines.length < 3) return { error: `checkpoint: got ${lines.length} lines, want origin, size and root hash` };
  const [origin, size, root] = [lines[0]!, lines[1]!, lines[2]!];
  if (origin.length === 0) return { error: "checkpoint: the origin line is empty" };
  if (!/^(0|[1-9][0-9]*)$/.test(size) || BigInt(size) > 0xffffffffffffffffn) {
    return { error: `checkpoint: tree size '${size}' is not a decimal without leading zeros in 0..18446744073709551615` };
  }
  const rootHash = decodeBase64Strict(root);
  if (rootHash === null || rootHash.length !== 32) return { error: `checkpoint: root hash '${root}' is not canonical base64 of 32 bytes` };
  const extensions = lines.slice(3);
  const empty = extensions.indexOf("");
  if (empty >= 0) return { error: `checkpoint: extension line ${empty + 4} is empty` };
  return { checkpoint: { origin, size: BigInt(size), rootHash, extensions } };
}

export function describe(key: NoteKey): string {
  return `${key.name}+${formatKeyId(key.keyId)}`;
}

export function isBy(key: NoteKey, signature: NoteSignature): boolean {
  return key.name === signature.name && key.keyId === signature.keyId;
}

/** Whether a plain note signature by key is valid over the note text. */
export function verifyNoteSignature(key: NoteKey, text: string, signature: Bytes): boolean {
  return key.kind === "Signature" && verifySignature(key.algorithm, key.publicKey, utf8(text), signature);
}

/** The cosignature/v1 message: "cosignature/v1\ntime T\n" || body. */
export function cosignatureMessage(seconds: bigint, body: string): Bytes {
  return utf8(`cosignature/v1\ntime ${seconds}\n${body}`);
}

/** The largest POSIX time a verifier accepts in a cosignature: 9999-12-31T23:59:59Z. */
const maxSeconds = 253402300799n;

/** Why a cosignature by witness over body is not valid, or null with its time. */
export function cosignatureError(witness: NoteKey, body: string, signature: Bytes): { error: string } | { seconds: bigint } {
  if (signature.length <= 8) return { error: `got ${signature.length} signature bytes, want an 8-byte timestamp and a signature` };
  const seconds = readU64(signature);
  if (seconds > 0x7fffffffffffffffn) return { error: "the timestamp exceeds 2^63-1" };
  if (witness.kind !== "Cosignature" || !verifySignature(witness.algorithm, witness.publicKey, cosignatureMessage(seconds, body), signature.subarray(8))) {
    return { error: "the cosignature does not verify" };
  }
  return seconds > maxSeconds ? { error: `the timestamp ${seconds} is beyond year 9999` } : { seconds };
}

export type NoteFailure = "None" | "Malformed" | "MissingIssuerSignature" | "BadIssuerSignature" | "BadKnownSignature" | "RetiredIssuerKey";

/** The issuer rule for one key (NoteVerification.VerifyIssuer without other known keys). */
export function verifyIssuer(note: SignedNote, issuer: NoteKey): { failure: NoteFailure; detail: string } {
  let seen = false;
  for (const s of note.signatures) {
    if (!isBy(issuer, s)) continue;
    if (!verifyNoteSignature(issuer, note.text, s.signature)) {
      return { failure: "BadIssuerSignature", detail: `the signature of issuer ${describe(issuer)} does not verify` };
    }
    seen = true;
  }
  return seen ? { failure: "None", detail: "" } : { failure: "MissingIssuerSignature", detail: `no signature by issuer ${describe(issuer)}` };
}

export interface Cosignatures {
  verified: { name: string; keyId: number; seconds: bigint }[];
  failed: { name: string; keyId: number; reason: string }[];
}

/** The cosignatures of a note by known witness keys; lines by other keys are ignored. */
export function verifyCosignatures(note: SignedNote, witnesses: NoteKey[]): Cosignatures {
  const unique = witnesses.filter((w, i) => witnesses.findIndex((o) => o.name === w.name && o.keyId === w.keyId) === i);
  const result: Cosignatures = { verified: [], failed: [] };
  for (const s of note.signatures) {
    const witness = unique.find((w) => isBy(w, s));
    if (witness === undefined) continue;
    const check = cosignatureError(witness, note.text, s.signature);
    if ("error" in check) result.failed.push({ name: witness.name, keyId: witness.keyId, reason: check.error });
    else result.verified.push({ name: witness.name, keyId: witness.keyId, seconds: check.seconds });
  }
  return result;
}

