// The committed page/verify.html is what page/build.mjs makes from the sources: the node embeds the
// committed file, so a change to the verifier or the page that was not rebuilt fails here.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { folder } from "./files.js";
import { inject, pagePath } from "./page.js";

test("page/verify.html is up to date (npm run build:page)", () => {
  const fresh = join(folder, "verify.html");
  execFileSync(process.execPath, [fileURLToPath(new URL("../../page/build.mjs", import.meta.url)), fresh]);
  assert.equal(readFileSync(pagePath, "utf8"), readFileSync(fresh, "utf8"), "run npm run build:page and commit page/verify.html");
});

test("the page has one placeholder for the trust file and one for the catalog, and forbids the network", () => {
  const html = readFileSync(pagePath, "utf8");
  assert.equal(html.split('id="regional-trust">null</script>').length, 2);
  assert.equal(html.split('id="regional-catalog">null</script>').length, 2);
  assert.match(html, /Content-Security-Policy" content="default-src 'none';/);
  const injected = inject(html, { name: "</script><script>alert(1)</script>" }, null);
  assert.equal(injected.includes("</script><script>alert(1)"), false, "injected JSON cannot close the script element");
});
