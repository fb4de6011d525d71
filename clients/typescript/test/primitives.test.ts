// Every case of the Merkle, signature, note, digest and status map vectors, as the C# tests run them.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { fromHex, toBase64, toHex } from "../src/bytes.js";
import { checkDisclosure, fieldDigest } from "../src/digests.js";
import { verifyConsistency, verifyInclusion } from "../src/merkle.js";
import { formatKeyId, parseCheckpoint, parseNote, parseNoteKey, verifyCosignatures, verifyIssuer, type NoteKey } from "../src/notes.js";
import { encodeEntry, leafHash, mapKey, mapPathProblem, valueHash, type StatusMapEntry } from "../src/statusmap.js";
import { hashLeaf, isPublicKey, verifySignature } from "../src/suite.js";
import { filesOf, kinds, vectorFiles, type Json } from "./vectors.js";

const hexes = (list: string[]) => list.map(fromHex);

test("the vector folder holds every kind for both suites and nothing else", () => {
  assert.deepEqual(vectorFiles(), kinds.flatMap((k) => [`${k}-gm.json`, `${k}-intl.json`]).sort());
});

for (const { suite, file } of filesOf("merkle")) {
  describe(`merkle ${suite.name}`, () => {
    test("leaf hashes and roots", () => {
      for (const leaf of file.leaves) assert.equal(toHex(hashLeaf(suite, fromHex(leaf.data))), leaf.leafHash);
    });
    for (const v of file.inclusion) {
      test(`inclusion: ${v.name}`, () => {
        const check = verifyInclusion(suite, BigInt(v.leafIndex), BigInt(v.treeSize), fromHex(v.leafHash), hexes(v.path), fromHex(v.root));
        assert.equal(check.failure === "None" ? "valid" : check.failure, v.expect, check.detail);
      });
    }
    for (const v of file.consistency) {
      test(`consistency: ${v.name}`, () => {
        const check = verifyConsistency(suite, BigInt(v.size1), BigInt(v.size2), fromHex(v.root1), fromHex(v.root2), hexes(v.proof));
        assert.equal(check.failure === "None" ? "valid" : check.failure, v.expect, check.detail);
      });
    }
  });
}

for (const { suite, file } of filesOf("signatures")) {
  describe(`signatures ${suite.name}`, () => {
    for (const v of file.publicKeys) {
      test(`public key: ${v.name}`, () => assert.equal(isPublicKey(suite.algorithm, fromHex(v.publicKey)), v.valid));
    }
    for (const v of file.signatures) {
      test(`signature: ${v.name}`, () => {
        assert.equal(verifySignature(suite.algorithm, fromHex(v.publicKey), fromHex(v.message), fromHex(v.signature)), v.valid);
      });
    }
  });
}

function key(text: string): NoteKey {
  const parsed = parseNoteKey(text);
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed.key;
}

for (const { suite, file } of filesOf("notes")) {
  describe(`notes ${suite.name}`, () => {
    for (const v of file.verifierKeys) {
      test(`verifier key: ${v.name}`, () => {
        const parsed = parseNoteKey(v.text);
        assert.equal(!("error" in parsed), v.valid, "error" in parsed ? parsed.error : "parsed");
        if ("key" in parsed) {
          assert.equal(formatKeyId(parsed.key.keyId), v.keyId);
          assert.equal(parsed.key.kind, v.kind);
          assert.equal(parsed.key.algorithm, v.algorithm);
          assert.equal(toHex(parsed.key.publicKey), v.publicKey);
        }
      });
    }
    const issuer = key(file.issuer);
    const witnesses = (file.witnesses as string[]).map(key);
    for (const v of file.notes) {
      test(`note: ${v.name}`, () => {
        const parsed = parseNote(v.note);
        assert.equal("note" in parsed ? "ok" : "malformed", v.expect.note, "error" in parsed ? parsed.error : "");
        if (!("note" in parsed)) return;
        const body = parseCheckpoint(parsed.note.text);
        assert.equal("checkpoint" in body, v.expect.checkpoint !== null, "error" in body ? body.error : "");
        if ("checkpoint" in body) {
          assert.deepEqual([body.checkpoint.origin, String(body.checkpoint.size), toBase64(body.checkpoint.rootHash), body.checkpoint.extensions],
            [v.expect.checkpoint.origin, v.expect.checkpoint.size, v.expect.checkpoint.rootHash, v.expect.checkpoint.extensions]);
        }
        assert.equal(verifyIssuer(parsed.note, issuer).failure, v.expect.issuer);
        const cosignatures = verifyCosignatures(parsed.note, witnesses);
        assert.deepEqual(cosignatures.verified.map((c) => ({ name: c.name, time: Number(c.seconds) })), v.expect.cosignatures);
        assert.deepEqual(cosignatures.failed.map((c) => c.name), v.expect.failedCosignatures);
      });
    }
  });
}

for (const { suite, file } of filesOf("digests")) {
  describe(`digests ${suite.name}`, () => {
    for (const v of file.compute) {
      test(`digest: ${v.name}`, () => {
        assert.equal(toHex(fieldDigest(suite, fromHex(v.salt), v.name, v.value)!), v.digest);
        assert.equal(toHex(suite.hash(fromHex(v.preimage))), v.digest);
      });
    }
    for (const v of file.checks) {
      test(`disclosure: ${v.name}`, () => {
        const check = checkDisclosure(suite,
          v.committed.map((c: Json) => ({ name: c.name, digest: fromHex(c.digest) })),
          v.disclosed.map((d: Json) => ({ name: d.name, value: d.value, salt: fromHex(d.salt) })));
        assert.equal(check.valid, v.expect.valid);
        assert.equal(check.error !== null, v.expect.error);
        assert.deepEqual(check.fields, v.expect.fields);
      });
    }
  });
}

function mapEntry(v: Json): StatusMapEntry {
  return {
    licenseId: v.licenseId,
    status: ["ACTIVE", "SUSPENDED", "REVOKED"].indexOf(v.status) + 1,
    version: v.version,
    leafIndex: BigInt(v.leafIndex),
    notAfter: v.notAfter === null ? null : { seconds: BigInt(v.notAfter.seconds), nanos: v.notAfter.nanos },
  };
}

for (const { suite, file } of filesOf("statusmap")) {
  describe(`statusmap ${suite.name}`, () => {
    for (const v of file.entries) {
      test(`entry: ${v.licenseId}`, () => {
        const value = encodeEntry(mapEntry(v))!;
        const k = mapKey(suite, v.licenseId);
        assert.deepEqual([toHex(value), toHex(k), toHex(valueHash(suite, value)), toHex(leafHash(suite, k, valueHash(suite, value)))],
          [v.value, v.key, v.valueHash, v.leafHash]);
      });
    }
    for (const v of file.proofs) {
      test(`path: ${v.name}`, () => {
        const entry = mapEntry(v.entry);
        const problem = mapPathProblem(suite, fromHex(v.root), mapKey(suite, entry.licenseId), encodeEntry(entry)!, hexes(v.siblings));
        assert.equal(problem === null, v.valid, problem ?? "");
      });
    }
  });
}
