// Builds page/verify.html: page.ts and the verifier bundled by esbuild into one inline script of
// template.html. The output is committed (the node embeds it: src/RegionalNode/Hosting/VerifyPage.cs);
// `npm run build:page` rebuilds it and `npm test` fails when the committed file is out of date.
import { build } from "esbuild";
import { readFileSync, writeFileSync } from "node:fs";

const here = new URL(".", import.meta.url);
const result = await build({
  entryPoints: [new URL("page.ts", here).pathname],
  bundle: true,
  format: "iife",
  platform: "browser",
  target: "es2022",
  minify: true,
  legalComments: "none",
  write: false,
  logLevel: "warning",
});
const script = result.outputFiles[0].text.replace(/<\/(script)/gi, "<\\/$1");
const template = readFileSync(new URL("template.html", here), "utf8");
const page = template.replace("<!--SCRIPT-->", () => `<script>${script}</script>`);
const target = process.argv[2] ?? new URL("verify.html", here).pathname;
writeFileSync(target, page);
console.log(`wrote ${target} (${page.length} bytes)`);
