// Every licence file of the bundle vectors, verified as `regional bundle verify` verifies it.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { readLicenceFile } from "../src/licencefile.js";
import { parseAge } from "../src/time.js";
import { checkTrust, type Trust } from "../src/trust.js";
import { verifyLicenceFile } from "../src/verify.js";
import { filesOf, type Json } from "./vectors.js";

export function trustOf(json: Json): Trust {
  const checked = checkTrust(json);
  if ("problems" in checked) throw new Error(checked.problems.join("; "));
  return checked.trust;
}

for (const { suite, file } of filesOf("bundles")) {
  describe(`bundles ${suite.name}`, () => {
    for (const v of file.cases) {
      test(v.name, () => {
        const trust = trustOf(v.trust ?? file.trust);
        const now = BigInt(Date.parse(v.now)) * 1_000_000n;
        const check = verifyLicenceFile(readLicenceFile(v.file), trust, {
          now, maxStatusAge: v.maxAge === undefined ? undefined : parseAge(v.maxAge)!, quorum: v.quorum,
        });
        const e = v.expect;
        assert.equal(check.failure, e.failure, check.detail);
        assert.equal(check.status, e.status);
        assert.equal(check.stale, e.stale);
        assert.equal(check.licenseId, e.licenseId);
        assert.equal(check.region, e.region);
        assert.deepEqual(check.passed, e.passed);
        assert.deepEqual(check.fields, e.fields);
        assert.equal(check.valid && !check.stale && check.status === "VALID" ? 0 : 1, e.exitCode);
        if (check.failure === "None") assert.equal(check.detail, e.detail);
      });
    }
  });
}

describe("trust files of any number of regions", () => {
  const { file } = filesOf("bundles")[0]!;
  const base = file.trust as { regions: Json[] } & Json;
  const renamed = (ids: string[]) => ({ ...base, regions: base.regions.map((r, i) => (i === 0 ? r : { ...(r as object), id: ids[i - 1] })) });

  test("regions beyond bj, tj and he (a district node, a new member) are accepted", () => {
    const checked = checkTrust(renamed(["hd", "xa"]));
    assert.ok(!("problems" in checked), "problems" in checked ? checked.problems.join("; ") : "");
  });

  test("a region id that is not 2 to 8 lower-case letters is refused", () => {
    for (const id of ["HD", "h", "haidian-1", "toolongid"]) {
      const checked = checkTrust(renamed([id, "xa"]));
      assert.ok("problems" in checked && checked.problems.some((p) => p.includes("2 to 8 lower-case letters")), id);
    }
  });
});
