// Byte helpers shared by every module: hex, strict base64, strict UTF-8, comparison.

export type Bytes = Uint8Array;

export function concat(...parts: Bytes[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function equal(a: Bytes, b: Bytes): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

export function toHex(bytes: Bytes): string {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

export function fromHex(hex: string): Bytes {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new Error(`not hex: '${hex}'`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export function toBase64(bytes: Bytes): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    s += alphabet[(n >> 18) & 63]! + alphabet[(n >> 12) & 63]!;
    s += b === undefined ? "=" : alphabet[(n >> 6) & 63]!;
    s += c === undefined ? "=" : alphabet[n & 63]!;
  }
  return s;
}

/** Standard base64 with padding, decoded leniently (no check of stray bits); null when it is not base64. */
function decodeBase64(text: string): Bytes | null {
  if (text.length % 4 !== 0) return null;
  const out: number[] = [];
  for (let i = 0; i < text.length; i += 4) {
    const chunk = text.slice(i, i + 4);
    const pad = chunk.endsWith("==") ? 2 : chunk.endsWith("=") ? 1 : 0;
    if (pad > 0 && i + 4 !== text.length) return null;
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const c = chunk[j]!;
      const v = j >= 4 - pad ? 0 : alphabet.indexOf(c);
      if (v < 0 || (c === "=" && j < 4 - pad)) return null;
      n = (n << 6) | v;
    }
    out.push((n >> 16) & 255);
    if (pad < 2) out.push((n >> 8) & 255);
    if (pad < 1) out.push(n & 255);
  }
  return Uint8Array.from(out);
}

/** Strict standard base64 (RFC 4648 section 4): non-empty, padded, no white space, canonical bits. */
export function decodeBase64Strict(text: string): Bytes | null {
  if (text.length === 0) return null;
  const bytes = decodeBase64(text);
  return bytes !== null && toBase64(bytes) === text ? bytes : null;
}

/** Base64 as proto3 JSON carries bytes: standard or URL-safe alphabet, padding optional. */
export function decodeBase64Json(text: string): Bytes | null {
  let standard = text.replace(/-/g, "+").replace(/_/g, "/");
  while (standard.length % 4 !== 0) standard += "=";
  return decodeBase64(standard);
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/** Strict UTF-8 decoding; null for bytes that are not UTF-8. */
export function decodeUtf8(bytes: Bytes): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/** UTF-8 bytes of a string; null when it holds a lone surrogate (it has no UTF-8 form). */
export function encodeUtf8(text: string): Bytes | null {
  return isWellFormed(text) ? encoder.encode(text) : null;
}

export function utf8(text: string): Bytes {
  return encoder.encode(text);
}

/** No lone surrogate. */
export function isWellFormed(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    }
  }
  return true;
}

export function readU64(bytes: Bytes, at = 0): bigint {
  let n = 0n;
  for (let i = 0; i < 8; i++) n = (n << 8n) | BigInt(bytes[at + i]!);
  return n;
}

export function writeU64(n: bigint): Bytes {
  const out = new Uint8Array(8);
  for (let i = 7; i >= 0; i--) {
    out[i] = Number(n & 255n);
    n >>= 8n;
  }
  return out;
}

export function readU32(bytes: Bytes, at = 0): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

export function bytesToBigInt(bytes: Bytes): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}
