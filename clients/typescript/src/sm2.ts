// SM2 signatures (GB/T 32918.2) with SM3 and the GM/T 0009 default user id, as LicenseVerifier's
// Crypto/PublicKey.cs checks them: public keys 0x04 || X || Y, signatures strict DER.
// The curve arithmetic, ZA and the verification equation are sm-crypto-v2's (built on @noble/curves);
// this file adds what the C# side (BouncyCastle) enforces and sm-crypto-v2 does not: strict DER,
// r and s in [1, n-1], and never an exception for hostile input.
import { sm2, sm3 } from "sm-crypto-v2";
import { bytesToBigInt, fromHex, toHex, type Bytes } from "./bytes.js";

/** GM/T 0009-2012 section 10: the default user id. */
export const defaultUserId = "1234567812345678";

/** The order n of sm2p256v1. */
const n = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;

export function sm3Hash(data: Bytes): Bytes {
  return fromHex(sm3(data));
}

/** Whether bytes are an SM2 public key: 65 bytes, 0x04 || X || Y, a point on the curve. */
export function isSm2PublicKey(key: Bytes): boolean {
  if (key.length !== 65 || key[0] !== 0x04) return false;
  try {
    return sm2.verifyPublicKey(toHex(key));
  } catch {
    return false;
  }
}

/** r and s of a strict DER SEQUENCE { INTEGER r, INTEGER s }: short-form lengths (a signature is under
 * 128 bytes), minimal positive integers, nothing after the sequence; null otherwise. */
export function decodeDer(der: Bytes): { r: bigint; s: bigint } | null {
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2 || der[1]! >= 0x80) return null;
  const values: bigint[] = [];
  let at = 2;
  for (let i = 0; i < 2; i++) {
    if (der[at] !== 0x02) return null;
    const length = der[at + 1]!;
    if (length === 0 || length >= 0x80 || at + 2 + length > der.length) return null;
    const content = der.subarray(at + 2, at + 2 + length);
    if (content[0]! & 0x80) return null; // negative
    if (content.length > 1 && content[0] === 0 && !(content[1]! & 0x80)) return null; // not minimal
    values.push(bytesToBigInt(content));
    at += 2 + length;
  }
  return at === der.length ? { r: values[0]!, s: values[1]! } : null;
}

/** Whether signature (DER) is a valid SM2 signature of message by publicKey (65 bytes). */
export function sm2Verify(publicKey: Bytes, message: Bytes, signature: Bytes): boolean {
  const rs = decodeDer(signature);
  if (rs === null || rs.r < 1n || rs.r >= n || rs.s < 1n || rs.s >= n || !isSm2PublicKey(publicKey)) return false;
  const hex = rs.r.toString(16).padStart(64, "0") + rs.s.toString(16).padStart(64, "0");
  try {
    return sm2.doVerifySignature(message, hex, toHex(publicKey), { der: false, hash: true, userId: defaultUserId });
  } catch {
    return false;
  }
}
