// The verification page in a real headless Chromium (Debian's chromium, driven by puppeteer-core), opened
// from a file with the trust file injected: a licence made by the C# code shows VALID with its checks, fields
// and region; a one-byte change shows the check that failed; paste, drop and the trust picker work; the
// page makes no request. Screenshots go to $SCREENSHOTS (docs/ when refreshed: npm run screenshots).
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { flipByte, folder, validLicence, write } from "./files.js";
import { writePage } from "./page.js";

const chromium = process.env.CHROMIUM ?? "/usr/bin/chromium";
const screenshots = process.env.SCREENSHOTS ?? folder;
const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--lang=zh-CN", "--window-size=1000,1300"];

let browser: Browser;
const requests: string[] = [];

before(async () => {
  browser = await puppeteer.launch({
    executablePath: chromium, headless: false, args: flags, userDataDir: mkdtempSync(join(tmpdir(), "regional-chromium-")),
    defaultViewport: { width: 1000, height: 1300 },
  });
});

after(async () => {
  await browser?.close();
});

/** Opens the page from a file, recording every request that is not the page itself. */
async function open(pagePath: string, lang: "zh" | "en" = "zh"): Promise<Page> {
  const page = await browser.newPage();
  page.on("request", (r) => {
    if (r.url() !== pathToFileURL(pagePath).href) requests.push(r.url());
  });
  await page.goto(pathToFileURL(pagePath).href);
  await page.waitForSelector("body[data-ready=true]");
  await page.click(`#lang-${lang}`);
  return page;
}

async function verdict(page: Page) {
  await page.waitForSelector("#verdict[data-status], #verdict.UNKNOWN");
  return page.evaluate(() => {
    const v = document.getElementById("verdict")!;
    return {
      className: v.className, status: v.dataset.status, failure: v.dataset.failure, text: v.textContent,
      passed: [...document.querySelectorAll("#checks li.passed")].map((l) => l.textContent),
      failed: [...document.querySelectorAll("#checks li.failed")].map((l) => l.textContent),
      region: document.getElementById("region")!.textContent,
      type: document.getElementById("licence-type")!.textContent,
      fields: [...document.querySelectorAll("#fields tbody tr")].map((r) => [...r.children].map((c) => c.textContent)),
    };
  });
}

async function upload(page: Page, licence: string): Promise<void> {
  const input = await page.$("#licence-file");
  await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(licence);
}

describe("verification page in Chromium", () => {
  const gm = validLicence("gm");
  const intl = validLicence("intl");
  // The vectors' status is as of 2026-06-01: a trust file allowing ten years keeps it fresh on any clock.
  const lenient = (trust: Record<string, unknown>) => ({ ...trust, maxStatusAge: "3650d" });

  test("a licence made by the C# code shows VALID, each check, the fields with catalog labels and the region", async () => {
    const page = await open(writePage(folder, "verify-gm.html", lenient(gm.trust)));
    await upload(page, write("page-valid.json", gm.licence));
    const shown = await verdict(page);
    assert.equal(shown.className, "VALID");
    assert.equal(shown.text, "有效 VALID");
    assert.deepEqual(shown.passed.slice(0, 3), ["checkpoint well formed", "issuer signature of bj", "2 witness cosignatures (quorum 1)"]);
    assert.equal(shown.passed.length, 6);
    assert.equal(shown.region, "北京 Beijing (regional.example/bj)");
    assert.equal(shown.type, "营业执照 Business licence (business-licence)");
    assert.deepEqual(shown.fields.find((f) => f[1] === "示例科技有限公司"), ["名称 Company name", "示例科技有限公司", "✓ 一致"]);
    await page.screenshot({ path: join(screenshots, "verify-page-valid.png"), fullPage: true });
    await page.close();
  });

  test("one byte of the licence entry changed: the page names BadPath", async () => {
    const page = await open(writePage(folder, "verify-gm.html", lenient(gm.trust)));
    const entryLength = Buffer.from(gm.licence.proof.entry, "base64").length;
    await upload(page, write("page-tampered.json", flipByte(gm.licence, (c) => [c.proof, "entry"], entryLength >> 1)));
    const shown = await verdict(page);
    assert.equal(shown.className, "UNKNOWN");
    assert.equal(shown.failure, "BadPath");
    assert.match(shown.failed[0] ?? "", /^BadPath: licence entry at leaf 3: RootMismatch/);
    assert.equal(shown.passed.length, 3);
    await page.screenshot({ path: join(screenshots, "verify-page-tampered.png"), fullPage: true });
    await page.close();
  });

  test("pasted text, in English: an Ed25519 (intl) licence shows VALID", async () => {
    const page = await open(writePage(folder, "verify-intl.html", lenient(intl.trust)), "en");
    await page.$eval("#licence-text", (el, text) => { (el as HTMLTextAreaElement).value = text; }, JSON.stringify(intl.licence));
    await page.click("#verify-pasted");
    const shown = await verdict(page);
    assert.equal(shown.text, "VALID");
    assert.deepEqual(shown.fields.find((f) => f[1] === "91110105MA01ABCD2X"), ["Unified social credit code", "91110105MA01ABCD2X", "✓ matches"]);
    await page.close();
  });

  test("a dropped file whose disclosed value was changed shows MISMATCH", async () => {
    const page = await open(writePage(folder, "verify-gm.html", lenient(gm.trust)));
    const changed = structuredClone(gm.licence);
    changed.document.fields[1].value = "另一家公司";
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], "licence.json", { type: "application/json" }));
      document.getElementById("drop")!.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    }, JSON.stringify(changed));
    const shown = await verdict(page);
    assert.equal(shown.className, "MISMATCH");
    assert.equal(shown.fields.find((f) => f[1] === "另一家公司")?.[2], "✗ 不一致");
    await page.close();
  });

  test("opened as built, without a trust file: the trust file picked by the user is used", async () => {
    const page = await open(writePage(folder, "verify-plain.html", null));
    assert.match(await page.$eval("#trust-status", (e) => e.textContent ?? ""), /未加载信任文件/);
    const input = await page.$("#trust-file");
    await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(write("page-trust.json", lenient(gm.trust)));
    await page.waitForSelector("#trust-status[data-loaded=true]");
    await upload(page, write("page-valid.json", gm.licence));
    assert.equal((await verdict(page)).className, "VALID");
    await page.close();
  });

  test("the page made no request: nothing left the browser", () => {
    assert.deepEqual(requests, []);
  });
});
