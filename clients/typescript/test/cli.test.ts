// regional-verify: its output and exit codes on real files (the C# vectors), one-byte changes, and usage errors.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { run } from "../src/command.js";
import { oneByteChanges, validLicence, write } from "./files.js";

function verify(args: string[], now = "2026-06-01T08:00:00Z") {
  const out: string[] = [];
  const err: string[] = [];
  const code = run(args, { out: (l) => out.push(l), err: (l) => err.push(l), colour: false, now: () => BigInt(Date.parse(now)) * 1_000_000n });
  return { code, out, err };
}

for (const suite of ["gm", "intl"] as const) {
  describe(`regional-verify ${suite}`, () => {
    const { licence, trust, trustPath } = validLicence(suite);
    const path = write(`licence-${suite}.json`, licence);

    test("a licence made by the C# code is VALID, exit 0, every check listed", () => {
      const result = verify([path, "--trust", trustPath]);
      assert.equal(result.code, 0, result.err.join("\n"));
      assert.deepEqual(result.out, [
        "\u2713 checkpoint well formed",
        "\u2713 issuer signature of bj",
        "\u2713 2 witness cosignatures (quorum 1)",
        "\u2713 licence entry included at leaf 3",
        "\u2713 status map entry proven as of 2026-06-01 07:58:00Z (StatusRoot at leaf 7)",
        "\u2713 6 disclosed fields match",
        "BJ-2026-000123: VALID as of 2026-06-01 07:58:00Z (2m ago) (in force)",
      ]);
    });

    for (const change of oneByteChanges(licence)) {
      test(`one byte changed, ${change.name}: exit 1 and ${change.failure === "None" ? "MISMATCH" : change.failure} named`, () => {
        const result = verify([write(`changed-${suite}.json`, change.file), "--trust", trustPath]);
        assert.equal(result.code, 1);
        if (change.failure === "None") assert.equal(result.out.at(-1)?.startsWith("BJ-2026-000123: MISMATCH"), true, result.out.join("\n"));
        else assert.match(result.out.find((l) => l.startsWith("\u2717")) ?? "", new RegExp(`^\u2717 ${change.failure}: `));
      });
    }

    test("older than --max-age: STALE, exit 1", () => {
      const result = verify([path, "--trust", trustPath, "--max-age", "1h"], "2026-06-01T10:00:00Z");
      assert.equal(result.code, 1);
      assert.equal(result.out.at(-2), "BJ-2026-000123: STALE: VALID as of 2026-06-01 07:58:00Z (2h 2m ago), older than the 1h 0m allowed");
    });

    test("--json: the report of regional bundle verify --json", () => {
      const result = verify([path, "--trust", trustPath, "--json"]);
      const json = JSON.parse(result.out.join("\n"));
      assert.deepEqual([json.isValid, json.failure, json.status, json.isStale, json.maxStatusAge, json.statusAsOf, json.cosignatures.length],
        [true, "None", "VALID", false, "1.00:00:00", "2026-06-01T07:58:00+00:00", 2]);
    });

    test("usage errors exit 2: a bad --max-age, a trust file that is refused, no FILE", () => {
      assert.equal(verify([path, "--trust", trustPath, "--max-age", "2 hours"]).code, 2);
      assert.equal(verify([path, "--trust", write("bad-trust.json", { ...trust, witnessQuorum: 5 })]).code, 2);
      assert.match(verify([path, "--trust", write("bad-trust.json", { ...trust, witnessQuorum: 5 })]).err[0]!, /witnessQuorum: got 5, want 0 to 2/);
      assert.equal(verify(["--trust", trustPath]).code, 2);
      assert.equal(verify([path, "--trust", trustPath, "--bogus"]).code, 2);
    });

    test("a file that is not a licence exits 1", () => {
      const result = verify([write("not-a-licence.json", { hello: "world" }), "--trust", trustPath]);
      assert.equal(result.code, 1);
      assert.match(result.err[0]!, /FILE: not a downloaded licence or proof bundle/);
      assert.equal(verify([write("not-json.json", "{"), "--trust", trustPath]).code, 1);
    });
  });
}
