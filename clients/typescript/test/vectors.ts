// The shared vectors of testdata/vectors/ (docs/verifying.md): one file per kind and suite.
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gm, intl, type Suite } from "../src/suite.js";

/** testdata/vectors/ of this repository (the compiled test runs from clients/typescript/dist/test/). */
export const vectorDirectory = process.env.REGIONAL_VECTORS ?? fileURLToPath(new URL("../../../../testdata/vectors/", import.meta.url));

export const kinds = ["merkle", "signatures", "notes", "digests", "statusmap", "bundles"];

export type Json = Record<string, any>;

export function vectorFiles(): string[] {
  return readdirSync(vectorDirectory).filter((f) => f.endsWith(".json")).sort();
}

/** The files of a kind, with their suite. */
export function filesOf(kind: string): { suite: Suite; file: Json }[] {
  return [gm, intl].map((suite) => ({ suite, file: JSON.parse(readFileSync(`${vectorDirectory}/${kind}-${suite.name}.json`, "utf8")) as Json }));
}
