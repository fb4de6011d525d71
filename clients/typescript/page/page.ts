// The verification page (page/template.html, built into page/verify.html by page/build.mjs): a licence
// file dropped, picked or pasted is checked in the browser against the preloaded trust file, with the
// library the regional-verify command uses. Nothing is sent anywhere (the page's CSP forbids it).
import { describeAge, formatUniversal, instantFromDate } from "../src/time.js";
import { readLicenceFile, type LicenceFile } from "../src/licencefile.js";
import { checkTrust, type Trust } from "../src/trust.js";
import { verifyLicenceFile, type BundleCheck } from "../src/verify.js";

type Lang = "zh" | "en";
type Catalog = { region?: string; licenseType?: { code?: string; nameZh?: string; nameEn?: string; fields?: { name?: string; labelZh?: string; labelEn?: string }[] } }[];

const verdicts: Record<string, [string, string]> = {
  VALID: ["有效", "VALID"], REVOKED: ["已撤销", "REVOKED"], SUSPENDED: ["已中止", "SUSPENDED"], EXPIRED: ["已过期", "EXPIRED"],
  SUPERSEDED: ["已有新版本", "SUPERSEDED"], MISMATCH: ["内容不符", "MISMATCH"], UNKNOWN: ["核验未通过", "FAILED"], STALE: ["状态过旧", "STALE"],
};

const failures: Record<string, [string, string]> = {
  UnknownOrigin: ["不是信任文件中任何地区的账本", "not a log of the trust file"],
  SuiteMismatch: ["密码套件与信任文件不符", "another cryptographic suite than the trust file's"],
  MalformedCheckpoint: ["检查点格式错误", "the checkpoint is malformed"],
  CheckpointMismatch: ["检查点与证明包不符", "the checkpoint does not match the bundle"],
  IssuerSignature: ["签发地区的签名无效或缺失", "the issuing region's signature is missing or wrong"],
  RetiredIssuerKey: ["由已停用的密钥签名", "signed by a retired key"],
  TooFewCosignatures: ["见证签名不足", "too few witness cosignatures"],
  BadLeaf: ["证照条目无法识别", "the licence entry is not a licence"],
  BadPath: ["证照条目不在账本中（内容被改动）", "the licence entry is not in the log (it was changed)"],
  BadStatusEntry: ["状态变更条目无效", "a status entry is wrong"],
  MissingStatusProof: ["缺少状态证明，请刷新", "no status proof: refresh the file"],
  BadStatusProof: ["状态证明无效", "the status proof does not hold"],
  StatusProofDisagrees: ["状态证明与证照条目不符", "the status proof disagrees with the entries"],
};

const outcomes: Record<string, [string, string]> = {
  Match: ["✓ 一致", "✓ matches"], Mismatch: ["✗ 不一致", "✗ does not match"], NotCommitted: ["✗ 未登记", "✗ not committed"], BadSalt: ["✗ 盐值错误", "✗ bad salt"],
};

let lang: Lang = navigator.language.startsWith("zh") ? "zh" : "en";
let trust: Trust | null = null;
let last: { check: BundleCheck; file: LicenceFile } | null = null;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const t = ([zh, en]: [string, string]) => (lang === "zh" ? zh : en);
const both = ([zh, en]: [string, string]) => (lang === "zh" ? `${zh} ${en}` : en);

function readJson(id: string): unknown {
  try {
    return JSON.parse($(id).textContent ?? "null");
  } catch {
    return null;
  }
}

const catalog: Catalog = ((readJson("regional-catalog") as { licenseTypes?: Catalog } | null)?.licenseTypes) ?? [];

function loadTrust(json: unknown, source: [string, string]): void {
  const checked = json === null ? null : checkTrust(json);
  trust = checked !== null && "trust" in checked ? checked.trust : null;
  const status = $("trust-status");
  if (checked === null) {
    status.textContent = t(["未加载信任文件：请选择联盟的 trust.json。", "No trust file loaded: pick the federation's trust.json."]);
  } else if ("problems" in checked) {
    status.textContent = `${t(["信任文件无效：", "The trust file is refused: "])}${checked.problems.join("; ")}`;
  } else {
    const regions = checked.trust.regions.map((r) => r.name || r.region).join("、");
    status.textContent = `${t(source)} ${t(["信任文件", "trust file"])}: ${regions} (${checked.trust.suite.name}, ${t(["见证数", "witness quorum"])} ${checked.trust.witnessQuorum})`;
  }
  status.dataset.loaded = String(trust !== null);
  $("trust-picker").classList.toggle("hidden", checked !== null && "trust" in checked && source[1] === "Preloaded");
}

function verifyText(text: string): void {
  if (trust === null) {
    alert(t(["请先选择信任文件。", "Pick the trust file first."]));
    return;
  }
  let file: LicenceFile;
  try {
    file = readLicenceFile(JSON.parse(text));
  } catch (e) {
    last = null;
    show(null, (e as Error).message);
    return;
  }
  last = { check: verifyLicenceFile(file, trust, { now: instantFromDate(new Date()) }), file };
  show(last, null);
}

function show(result: { check: BundleCheck; file: LicenceFile } | null, error: string | null): void {
  $("result").classList.remove("hidden");
  const verdict = $("verdict");
  const checks = $("checks");
  const body = $("fields").querySelector("tbody")!;
  checks.replaceChildren();
  body.replaceChildren();
  if (result === null) {
    verdict.className = "UNKNOWN";
    verdict.textContent = both(["不是证照文件", "Not a licence file"]);
    for (const id of ["licence-id", "licence-type", "region", "as-of"]) $(id).textContent = "";
    $("detail").textContent = error ?? "";
    return;
  }
  const { check, file } = result;
  const shown = check.valid && check.stale ? "STALE" : check.status;
  verdict.className = shown;
  verdict.dataset.status = check.status;
  verdict.dataset.failure = check.failure;
  verdict.textContent = both(verdicts[shown]!);
  const doc = file.document;
  $("licence-id").textContent = check.licenseId || doc?.licenseId || "";
  const type = catalog.find((c) => c.licenseType?.code === doc?.licenseType)?.licenseType;
  $("licence-type").textContent = type ? `${type.nameZh ?? ""} ${type.nameEn ?? ""} (${type.code})` : doc?.licenseType ?? "";
  const region = trust?.regions.find((r) => r.region === (check.region || doc?.issuingRegion));
  $("region").textContent = region ? `${region.name || region.region} (${region.origin})` : "";
  const now = instantFromDate(new Date());
  $("as-of").textContent = check.statusAsOf === null ? "" : `${formatUniversal(check.statusAsOf)} (${describeAge(now - check.statusAsOf)} ${t(["前", "ago"])})`;
  $("detail").textContent = check.valid ? check.detail : `${t(failures[check.failure] ?? ["", ""])}: ${check.detail}`;
  for (const passed of check.passed) checks.append(item("passed", passed));
  if (!check.valid) checks.append(item("failed", `${check.failure}: ${check.detail}`));
  const outcomesByName = new Map(check.fields.map((f) => [f.name, f.outcome]));
  for (const field of doc?.fields ?? []) {
    const spec = type?.fields?.find((f) => f.name === field.name);
    const label = spec ? (lang === "zh" ? `${spec.labelZh} ${spec.labelEn}` : spec.labelEn ?? field.name) : field.name;
    const outcome = outcomesByName.get(field.name);
    const row = document.createElement("tr");
    row.dataset.field = field.name;
    row.append(cell(label), cell(field.value), cell(outcome ? t(outcomes[outcome]!) : check.valid ? "" : t(["未核对", "not checked"]), outcome ?? ""));
    body.append(row);
  }
  $("fields-section").classList.toggle("hidden", (doc?.fields.length ?? 0) === 0);
}

function item(kind: string, text: string): HTMLLIElement {
  const li = document.createElement("li");
  li.className = kind;
  li.textContent = text;
  return li;
}

function cell(text: string, kind = ""): HTMLTableCellElement {
  const td = document.createElement("td");
  td.textContent = text;
  if (kind) td.className = kind;
  return td;
}

function setLanguage(next: Lang): void {
  lang = next;
  document.documentElement.lang = next === "zh" ? "zh-CN" : "en";
  for (const el of document.querySelectorAll<HTMLElement>("[data-zh]")) el.textContent = el.dataset[next] ?? el.textContent;
  $("lang-zh").setAttribute("aria-pressed", String(next === "zh"));
  $("lang-en").setAttribute("aria-pressed", String(next === "en"));
  loadTrust(trustJson, trustSource);
  if (last !== null) show(last, null);
}

async function readFile(input: File): Promise<string> {
  return await input.text();
}

let trustJson = readJson("regional-trust");
let trustSource: [string, string] = ["预置的", "Preloaded"];
$("lang-zh").addEventListener("click", () => setLanguage("zh"));
$("lang-en").addEventListener("click", () => setLanguage("en"));
$<HTMLInputElement>("trust-file").addEventListener("change", async (e) => {
  const picked = (e.target as HTMLInputElement).files?.[0];
  if (!picked) return;
  try {
    trustJson = JSON.parse(await readFile(picked));
  } catch {
    trustJson = {};
  }
  trustSource = ["所选", "Picked"];
  loadTrust(trustJson, trustSource);
});
$<HTMLInputElement>("licence-file").addEventListener("change", async (e) => {
  const picked = (e.target as HTMLInputElement).files?.[0];
  if (picked) verifyText(await readFile(picked));
});
$("verify-pasted").addEventListener("click", () => verifyText($<HTMLTextAreaElement>("licence-text").value));
const drop = $("drop");
drop.addEventListener("dragover", (e) => {
  e.preventDefault();
  drop.classList.add("over");
});
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", async (e) => {
  e.preventDefault();
  drop.classList.remove("over");
  const dropped = e.dataTransfer?.files?.[0];
  if (dropped) verifyText(await readFile(dropped));
  else if (e.dataTransfer?.getData("text/plain")) verifyText(e.dataTransfer.getData("text/plain"));
});
document.addEventListener("paste", (e) => {
  if (e.target === $("licence-text")) return;
  const text = e.clipboardData?.getData("text/plain");
  if (text) verifyText(text);
});
setLanguage(lang);
document.body.dataset.ready = "true";
