// The two suites (docs/verifying.md section 2): GM is SM3 with SM2, INTL is SHA-256 with Ed25519.
import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { concat, type Bytes } from "./bytes.js";
import { isSm2PublicKey, sm2Verify, sm3Hash } from "./sm2.js";

export type Algorithm = "Sm2" | "Ed25519";

export interface Suite {
  /** "gm" or "intl", as the trust file names it. */
  readonly name: "gm" | "intl";
  /** The wire value: CRYPTO_SUITE_GM = 1, CRYPTO_SUITE_INTL = 2. */
  readonly id: 1 | 2;
  readonly algorithm: Algorithm;
  hash(data: Bytes): Bytes;
}

export const hashSize = 32;

export const gm: Suite = { name: "gm", id: 1, algorithm: "Sm2", hash: sm3Hash };
export const intl: Suite = { name: "intl", id: 2, algorithm: "Ed25519", hash: (d) => sha256(d) };

export function suiteByName(name: string | undefined): Suite | null {
  return name === "gm" ? gm : name === "intl" ? intl : null;
}

export function hashLeaf(suite: Suite, entry: Bytes): Bytes {
  return suite.hash(concat(Uint8Array.of(0x00), entry));
}

export function hashChildren(suite: Suite, left: Bytes, right: Bytes): Bytes {
  return suite.hash(concat(Uint8Array.of(0x01), left, right));
}

/** Whether bytes are a public key of the algorithm (an SM2 point on the curve; an Ed25519 point). */
export function isPublicKey(algorithm: Algorithm, key: Bytes): boolean {
  if (algorithm === "Sm2") return isSm2PublicKey(key);
  if (key.length !== 32) return false;
  try {
    ed25519.Point.fromBytes(key, false);
    return true;
  } catch {
    return false;
  }
}

/** Whether signature is valid over message by key; never throws. Ed25519 is checked strictly (RFC 8032,
 * not ZIP-215), as BouncyCastle does on the C# side. */
export function verifySignature(algorithm: Algorithm, key: Bytes, message: Bytes, signature: Bytes): boolean {
  if (algorithm === "Sm2") return sm2Verify(key, message, signature);
  if (signature.length !== 64 || key.length !== 32) return false;
  try {
    return ed25519.verify(signature, message, key, { zip215: false });
  } catch {
    return false;
  }
}
