// RFC 9162 inclusion and consistency proofs (docs/verifying.md section 6), as Merkle/MerkleTree*.cs.
import { equal, toHex, type Bytes } from "./bytes.js";
import { hashChildren, hashSize, type Suite } from "./suite.js";

export type ProofFailure = "None" | "InvalidSize" | "IndexOutOfRange" | "WrongProofLength" | "BadHashLength" | "RootMismatch";

export interface ProofCheck {
  failure: ProofFailure;
  detail: string;
}

const valid: ProofCheck = { failure: "None", detail: "" };
const fail = (failure: ProofFailure, detail: string): ProofCheck => ({ failure, detail });

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

function popCount(x: bigint): number {
  let c = 0;
  for (; x > 0n; x >>= 1n) c += Number(x & 1n);
  return c;
}

function trailingZeros(x: bigint): number {
  let c = 0;
  for (; (x & 1n) === 0n; x >>= 1n) c++;
  return c;
}

function inclusionLength(index: bigint, size: bigint): number {
  const inner = bitLength(index ^ (size - 1n));
  return inner + popCount(index >> BigInt(inner));
}

function consistencyLength(size1: bigint, size2: bigint): number {
  const level = BigInt(trailingZeros(size1));
  const index = (size1 - 1n) >> level;
  const last = (size2 - 1n) >> level;
  const inner = bitLength(index ^ last);
  return (index === 0n ? 0 : 1) + inner + popCount(index >> BigInt(inner));
}

function hashLengths(named: [string, Bytes][], proof: Bytes[]): ProofCheck {
  for (const [name, hash] of [...named, ...proof.map((p, i): [string, Bytes] => [`proof[${i}]`, p])]) {
    if (hash.length !== hashSize) return fail("BadHashLength", `${name}: got ${hash.length} bytes, want ${hashSize}`);
  }
  return valid;
}

export function verifyInclusion(suite: Suite, index: bigint, size: bigint, leafHash: Bytes, proof: Bytes[], root: Bytes): ProofCheck {
  if (index >= size) return fail("IndexOutOfRange", `leaf index: got ${index}, want below tree size ${size}`);
  const lengths = hashLengths([["leaf hash", leafHash], ["root", root]], proof);
  if (lengths.failure !== "None") return lengths;
  const want = inclusionLength(index, size);
  if (proof.length !== want) {
    return fail("WrongProofLength", `inclusion proof of leaf ${index} in tree size ${size}: got ${proof.length} hashes, want ${want}`);
  }
  let fn = index;
  let sn = size - 1n;
  let r = leafHash;
  for (const p of proof) {
    if ((fn & 1n) === 1n || fn === sn) {
      r = hashChildren(suite, p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = hashChildren(suite, r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return equal(r, root) ? valid : fail("RootMismatch", `inclusion proof leads to root ${toHex(r)}, want ${toHex(root)}`);
}

export function verifyConsistency(suite: Suite, size1: bigint, size2: bigint, root1: Bytes, root2: Bytes, proof: Bytes[]): ProofCheck {
  if (size1 > size2) return fail("InvalidSize", `size1: got ${size1}, want at most size2 ${size2}`);
  const lengths = hashLengths([["root1", root1], ["root2", root2]], proof);
  if (lengths.failure !== "None") return lengths;
  const want = size1 === 0n || size1 === size2 ? 0 : consistencyLength(size1, size2);
  if (proof.length !== want) {
    return fail("WrongProofLength", `consistency proof from size ${size1} to ${size2}: got ${proof.length} hashes, want ${want}`);
  }
  if (size1 === size2 && !equal(root1, root2)) return fail("RootMismatch", `equal sizes ${size1} with different roots`);
  if (size1 === 0n && !equal(root1, suite.hash(new Uint8Array()))) return fail("RootMismatch", "root1 of the empty tree is not H(\"\")");
  if (size1 === 0n || size1 === size2) return valid;
  const seeded = (size1 & (size1 - 1n)) === 0n;
  let fn = size1 - 1n;
  let sn = size2 - 1n;
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = seeded ? root1 : proof[0]!;
  let sr = fr;
  for (let i = seeded ? 0 : 1; i < proof.length; i++) {
    const c = proof[i]!;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = hashChildren(suite, c, fr);
      sr = hashChildren(suite, c, sr);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = hashChildren(suite, sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (!equal(fr, root1)) return fail("RootMismatch", `consistency proof leads to root1 ${toHex(fr)}, want ${toHex(root1)}`);
  return equal(sr, root2) ? valid : fail("RootMismatch", `consistency proof leads to root2 ${toHex(sr)}, want ${toHex(root2)}`);
}
