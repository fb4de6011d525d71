// The verification page as a test opens it from a file: page/verify.html with a trust file and a
// catalog injected the way the node injects them when it serves /verify (Hosting/VerifyPage.cs).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const pagePath = fileURLToPath(new URL("../../page/verify.html", import.meta.url));
const starterCatalogPath = fileURLToPath(new URL("../../../../src/RegionalNode/Catalog/starter-catalog.json", import.meta.url));

/** JSON that is safe inside a <script> element: no "<" that could close it. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

/** The page with the trust file (and a catalog) in place of the placeholders, as the node serves it. */
export function inject(html: string, trust: unknown, catalog: unknown): string {
  return html
    .replace('<script type="application/json" id="regional-trust">null</script>', () => `<script type="application/json" id="regional-trust">${scriptJson(trust)}</script>`)
    .replace('<script type="application/json" id="regional-catalog">null</script>', () => `<script type="application/json" id="regional-catalog">${scriptJson(catalog)}</script>`);
}

/** The starter directory (src/RegionalNode/Catalog) as CatalogService's ListLicenseTypes answers it. */
export function starterCatalog(region = "bj"): unknown {
  const file = JSON.parse(readFileSync(starterCatalogPath, "utf8")) as { types: unknown[] };
  return { licenseTypes: file.types.map((licenseType) => ({ licenseType, revision: 1, region })) };
}

/** Writes the page with trust and catalog injected (or as built, when trust is null) into folder. */
export function writePage(folder: string, name: string, trust: unknown | null): string {
  const html = readFileSync(pagePath, "utf8");
  const path = join(folder, name);
  writeFileSync(path, trust === null ? html : inject(html, trust, starterCatalog()));
  return path;
}
