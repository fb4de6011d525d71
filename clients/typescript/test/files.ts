// Licence files and trust files from the bundle vectors, written to a temporary folder, and one-byte changes of them.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeBase64Json, toBase64 } from "../src/bytes.js";
import { filesOf, type Json } from "./vectors.js";

export const folder = mkdtempSync(join(tmpdir(), "regional-verify-"));

/** The first (valid, every field disclosed) licence file of a suite's bundle vectors and its trust file. */
export function validLicence(suite: "gm" | "intl"): { licence: Json; trust: Json; trustPath: string } {
  const { file } = filesOf("bundles").find((f) => f.suite.name === suite)!;
  const trustPath = join(folder, `trust-${suite}.json`);
  writeFileSync(trustPath, JSON.stringify(file.trust, null, 2));
  return { licence: file.cases[0].file, trust: file.trust, trustPath };
}

export function write(name: string, json: Json | string): string {
  const path = join(folder, name);
  writeFileSync(path, typeof json === "string" ? json : JSON.stringify(json, null, 2));
  return path;
}

/** The licence with one byte of a base64 member changed (the byte at `index`, XOR 0x01). */
export function flipByte(licence: Json, pick: (copy: Json) => [Json, string], index: number): Json {
  const copy = structuredClone(licence);
  const [owner, member] = pick(copy);
  const bytes = decodeBase64Json(owner[member])!;
  bytes[index] = bytes[index]! ^ 0x01;
  owner[member] = toBase64(bytes);
  return copy;
}

/** The one-byte changes every verifier must catch, each with the check that should name it. */
export function oneByteChanges(licence: Json): { name: string; file: Json; failure: string }[] {
  const entryLength = decodeBase64Json(licence.proof.entry)!.length;
  const changes = [
    { name: "a byte in the middle of the licence entry", file: flipByte(licence, (c) => [c.proof, "entry"], entryLength >> 1), failure: "BadPath" },
    { name: "the last byte of the licence entry", file: flipByte(licence, (c) => [c.proof, "entry"], entryLength - 1), failure: "BadPath" },
    { name: "a byte of the inclusion path", file: flipByte(licence, (c) => [c.proof.inclusionPath, "0"], 7), failure: "BadPath" },
    { name: "a byte of the status map path", file: flipByte(licence, (c) => [c.proof.statusProof.mapPath, String(c.proof.statusProof.mapPath.length - 1)], 3), failure: "BadStatusProof" },
    { name: "a byte of the StatusRoot entry", file: flipByte(licence, (c) => [c.proof.statusProof.rootEntry, "entry"], 2), failure: "BadStatusProof" },
    { name: "a byte of a disclosed salt", file: flipByte(licence, (c) => [c.document.fields[1], "salt"], 0), failure: "None" },
  ];
  const checkpoint = structuredClone(licence);
  const lines = (checkpoint.proof.checkpoint as string).split("\n");
  lines[1] = String(Number(lines[1]) + 1);
  checkpoint.proof.checkpoint = lines.join("\n");
  changes.push({ name: "a digit of the checkpoint's tree size", file: checkpoint, failure: "CheckpointMismatch" });
  const value = structuredClone(licence);
  value.document.fields[0].value = value.document.fields[0].value.replace("1", "2");
  changes.push({ name: "a byte of a disclosed value", file: value, failure: "None" });
  return changes;
}
