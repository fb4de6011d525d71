// Field digests H(salt || UTF-8 name || 0x00 || UTF-8 value) and disclosure checks (docs/verifying.md
// section 7), as Digests/FieldDigests.cs.
import { concat, encodeUtf8, equal, type Bytes } from "./bytes.js";
import type { Suite } from "./suite.js";

export const saltSize = 16;

export type FieldOutcome = "Match" | "Mismatch" | "NotCommitted" | "BadSalt";

export interface DisclosedField {
  name: string;
  value: string;
  salt: Bytes;
}

export interface DisclosureCheck {
  valid: boolean;
  /** Why the disclosure could not be checked field by field, or null. */
  error: string | null;
  fields: { name: string; outcome: FieldOutcome }[];
}

/** The digest, or null when the name or value has no UTF-8 form or the salt is not 16 bytes. */
export function fieldDigest(suite: Suite, salt: Bytes, name: string, value: string): Bytes | null {
  const [n, v] = [encodeUtf8(name), encodeUtf8(value)];
  if (salt.length !== saltSize || n === null || v === null || name.includes("\0")) return null;
  return suite.hash(concat(salt, n, Uint8Array.of(0), v));
}

export function checkDisclosure(suite: Suite, committed: { name: string; digest: Bytes }[], disclosed: DisclosedField[]): DisclosureCheck {
  const digests = new Map<string, Bytes>();
  for (const d of committed) {
    if (d.name.includes("\0") || digests.has(d.name)) {
      return { valid: false, error: `committed digests: field name '${d.name}' is duplicated or contains U+0000`, fields: [] };
    }
    digests.set(d.name, d.digest);
  }
  const seen = new Set<string>();
  for (const f of disclosed) {
    if (seen.has(f.name)) return { valid: false, error: `disclosed: field '${f.name}' appears more than once`, fields: [] };
    seen.add(f.name);
  }
  const fields = disclosed.map((f) => ({ name: f.name, outcome: outcome(suite, digests, f) }));
  return { valid: fields.every((f) => f.outcome === "Match"), error: null, fields };
}

function outcome(suite: Suite, digests: Map<string, Bytes>, field: DisclosedField): FieldOutcome {
  const expected = digests.get(field.name);
  if (expected === undefined) return "NotCommitted";
  if (field.salt.length !== saltSize) return "BadSalt";
  const actual = fieldDigest(suite, field.salt, field.name, field.value);
  return actual !== null && equal(actual, expected) ? "Match" : "Mismatch";
}
