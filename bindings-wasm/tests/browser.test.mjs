// The demo form in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core, which
// never downloads a browser). A tiny static server on 127.0.0.1 serves www/; everything stops by
// itself (timeouts) and is cleaned up in `after`. The expected texts are computed with the node
// build of the same package, so the page is checked against giamngheo, not against copies.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { gn, qd59, wasmDir } from "./helpers.mjs";

const www = join(wasmDir, "www");
const executablePath = process.env.WASM_CHROMIUM || "/usr/bin/chromium";
const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm", ".json": "application/json", ".ts": "text/plain; charset=utf-8", ".png": "image/png",
};

let server;
let base;
let context;
let userDir;
const problems = []; // console errors and uncaught page errors, from every page

before(async () => {
  assert.ok(existsSync(executablePath), `${executablePath} is missing: run make setup-wasm`);
  assert.ok(existsSync(join(www, "pkg", "giamngheo_wasm_bg.wasm")), "www/pkg is missing: run make wasm-build");
  server = createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^[/\\]+/, "") || "index.html";
    const file = join(www, rel);
    if (!file.startsWith(www + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  userDir = mkdtempSync(join(tmpdir(), "giamngheo-chromium-"));
  context = await chromium.launchPersistentContext(userDir, {
    executablePath,
    headless: true,
    timeout: 60_000,
    viewport: { width: 1360, height: 900 },
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--allow-file-access-from-files",
    ],
  });
  context.setDefaultTimeout(15_000);
  // No network: only the local server and file:// may be reached.
  await context.route(/^(?!http:\/\/127\.0\.0\.1|file:|data:).*/, (route) => {
    problems.push(`network request to ${route.request().url()}`);
    return route.abort();
  });
});

after(async () => {
  await context?.close().catch(() => {});
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  if (userDir) rmSync(userDir, { recursive: true, force: true });
});

async function openForm(url = `${base}/index.html`) {
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  await page.goto(url);
  await page.waitForSelector("body[data-ready='1']", { timeout: 30_000 });
  return page;
}

/** The reasons as the page lists them: rule id and message. */
const shownReasons = (page) =>
  page.$$eval("#reasons li", (lis) => lis.map((li) => ({ rule: li.dataset.rule, text: li.textContent })));

async function expectReport(page, request) {
  const want = gn.classify(request);
  assert.ok(want.ok, JSON.stringify(want.errors));
  const r = want.value;
  await page.waitForSelector(`#class[data-class='${r.class}']`);
  assert.equal((await page.textContent("#class")).trim(), r.class_name.vi);
  const reasons = await shownReasons(page);
  assert.deepEqual(reasons.map((x) => x.rule), r.reasons.map((x) => x.rule));
  r.reasons.forEach((x, i) => {
    assert.ok(reasons[i].text.includes(x.message.vi), `reason ${x.rule}: ${reasons[i].text}`);
    assert.ok(reasons[i].text.includes(x.citation.document), `basis of ${x.rule}`);
    if (x.citation.article) assert.ok(reasons[i].text.includes(x.citation.article), `article of ${x.rule}`);
  });
  const deprived = await page.$$eval("#deprivations li", (lis) => lis.map((li) => li.dataset.indicator));
  assert.deepEqual([...deprived].sort(), [...r.deprived].sort());
  return r;
}

test("a poor household (QĐ 59/2015, rural, 650.000 đồng): class, reasons, legal basis, programs", async () => {
  const page = await openForm();
  assert.match(await page.textContent("#standard-name"), /QĐ 59\/2015/);
  await page.locator("#income").pressSequentially("650 000");
  const report = await expectReport(page, qd59("650000"));
  assert.equal(report.class, "poor");
  assert.match(await page.textContent("#reasons"), /650\.000 đồng\/người\/tháng ≤ chuẩn nghèo 700\.000 đồng/);
  assert.match(await page.textContent("#reasons"), /đã kiểm chứng|chưa kiểm chứng|nguồn thứ cấp/);

  // Place: a 30a district and a Program 135 commune; the programs are core's eligible decisions.
  await page.selectOption("#district", "Bảo Lâm");
  await page.selectOption("#commune_135", "true");
  await page.fill("#ethnic_group", "Mông");
  await page.waitForFunction(() => document.querySelectorAll("#programs li").length > 0);
  const request = {
    date: "2018-06-30",
    household: { classify: qd59("650000") },
    place: { province: "Cao Bằng", district: "Bảo Lâm", commune_135: true },
    person: { ethnic_group: "Mông" },
  };
  const e = gn.eligibility(request);
  assert.ok(e.ok, JSON.stringify(e.errors));
  const eligible = e.value.decisions.filter((d) => d.outcome === "eligible");
  assert.ok(eligible.length > 0);
  await page.waitForFunction((n) => document.querySelectorAll("#programs li").length === n, eligible.length);
  const programs = await page.$$eval("#programs li", (lis) => lis.map((li) => ({ id: li.dataset.program, text: li.textContent })));
  assert.deepEqual(programs.map((p) => p.id), eligible.map((d) => d.program));
  eligible.forEach((d, i) => assert.ok(programs[i].text.includes(d.name.vi), d.program));
  assert.ok(eligible.some((d) => d.program === "health_insurance"));

  // Two deprivations: still poor on income alone; each deprivation is listed with its basis.
  await page.check("#ind-health_insurance");
  await page.check("#ind-sanitation");
  await expectReport(page, qd59("650000", ["health_insurance", "sanitation"]));
  await page.screenshot({ path: join(www, "screenshot.png"), fullPage: true });
  assert.ok(statSync(join(www, "screenshot.png")).size > 10_000);

  // English toggle: the same answer in English.
  await page.click("#lang");
  const en = gn.classify(qd59("650000", ["health_insurance", "sanitation"])).value;
  assert.equal((await page.textContent("#class")).trim(), en.class_name.en);
  const english = await shownReasons(page);
  en.reasons.forEach((x, i) => assert.ok(english[i].text.includes(x.message.en), x.rule));
  await page.close();
});

test("a near-poor household (rural, 850.000 đồng, 2 deprivations)", async () => {
  const page = await openForm();
  await page.locator("#income").pressSequentially("850000");
  await page.check("#ind-health_insurance");
  await page.check("#ind-sanitation");
  const report = await expectReport(page, qd59("850000", ["health_insurance", "sanitation"]));
  assert.equal(report.class, "near_poor");
  assert.equal((await page.textContent("#class")).trim(), "hộ cận nghèo");
  // A third deprivation makes it poor (QĐ 59/2015: 700.000 < I ≤ 1.000.000 and D ≥ 3).
  await page.check("#ind-water_source");
  await expectReport(page, qd59("850000", ["health_insurance", "sanitation", "water_source"]));
  await page.close();
});

test("a negative income: core's Vietnamese error at the income field, as it is typed", async () => {
  const page = await openForm();
  await page.locator("#income").pressSequentially("-1000");
  const want = gn.classify(qd59("-1000"));
  assert.equal(want.errors[0].path, "/income/monthly_per_capita");
  const slot = page.locator("#income-field > .error");
  await assert.doesNotReject(slot.getByText(want.errors[0].message.vi).waitFor());
  assert.equal(await slot.locator("[data-code]").getAttribute("data-code"), "income_negative");
  assert.match(await slot.textContent(), /Thu nhập không được âm/);
  assert.equal(await page.locator("#class").count(), 0);
  await page.click("#lang");
  await slot.getByText(want.errors[0].message.en).waitFor();
  // Fixing the value clears the error.
  await page.fill("#income", "650000");
  await page.waitForSelector("#class[data-class='poor']");
  assert.equal(await slot.textContent(), "");
  await page.close();
});

test("'650.000' has two readings: core's amount_ambiguous at the income field; '1.650.000' does not", async () => {
  const page = await openForm();
  await page.locator("#income").pressSequentially("650.000");
  const want = gn.classify(qd59("650.000"));
  assert.deepEqual(want.errors.map((e) => [e.code, e.path]), [["amount_ambiguous", "/income/monthly_per_capita"]]);
  const slot = page.locator("#income-field > .error");
  await assert.doesNotReject(slot.getByText(want.errors[0].message.vi).waitFor());
  assert.equal(await slot.locator("[data-code]").getAttribute("data-code"), "amount_ambiguous");
  assert.equal(await page.locator("#class").count(), 0, "no class is guessed");
  // Grouped twice, there is one reading: 1 650 000 đồng, above QĐ 59/2015's 1.500.000 rural
  // average-living ceiling, so none of the classes.
  await page.fill("#income", "1.650.000");
  const report = await expectReport(page, qd59("1650000"));
  assert.equal(report.class, "other");
  assert.equal(await slot.textContent(), "");
  await page.close();
});

test("annual household income and size; a date under NĐ 07/2021", async () => {
  const page = await openForm();
  await page.check("input[name=income-mode][value=annual]");
  await page.fill("#members", "4");
  await page.fill("#income", "24000000");
  await expectReport(page, { ...qd59(), income: { annual_household: "24000000", household_size: 4 } });
  assert.match(await page.textContent("#applied"), /500\.000/);
  // A household size of zero is core's error at that field.
  await page.fill("#members", "0");
  await page.locator("[data-path='/income/household_size'] > .error [data-code]").waitFor();
  await page.fill("#members", "4");
  // NĐ 07/2021 has 12 indicators; the list follows the date.
  await page.fill("#date", "2023-06-30");
  await page.waitForFunction(() => document.querySelectorAll("#indicators input").length === 12);
  assert.match(await page.textContent("#standard-name"), /NĐ 07\/2021/);
  const nd07 = gn.standardInForce("2023-06-30").value;
  await expectReport(page, {
    date: "2023-06-30", area: "rural", income: { annual_household: "24000000", household_size: 4 },
    indicators: Object.fromEntries(nd07.indicators.map((i) => [i.id, false])),
  });
  // The eligibility of that date: the 2021-2025 program's catalog and the general policies; a poor
  // household under NĐ 07/2021 (3 deprivations) gets 100% health insurance (NĐ 146/2018 as amended
  // by NĐ 75/2023), the value core's answer gives.
  await page.waitForSelector("#catalogs[data-catalogs='ntp-spr-2021-2025 general-policies']");
  for (const id of ["employment", "dependants", "nutrition"]) await page.check(`#ind-${id}`);
  const hi = gn.eligibilityOne({
    date: "2023-06-30", program: "health_insurance",
    household: { classify: { date: "2023-06-30", area: "rural", income: { annual_household: "24000000", household_size: 4 },
      indicators: Object.fromEntries(nd07.indicators.map((i) => [i.id, ["employment", "dependants", "nutrition"].includes(i.id)])) } },
  });
  assert.ok(hi.ok, JSON.stringify(hi.errors));
  assert.equal(hi.value.decisions[0].entitlements[0].value, "100");
  await page.waitForSelector("#programs li[data-program='health_insurance'] .entitlement[data-kind='share'][data-value='100']");
  await page.close();
});

test("a review on 2026-11-30 for the 2027 list: the list year, NĐ 351/2025's indicators, a poor household", async () => {
  const page = await openForm();
  // The date alone is at the seam: core's list_year_required, in Vietnamese, at the list-year field.
  await page.fill("#date", "2026-11-30");
  const alone = gn.selectStandard({ date: "2026-11-30" });
  assert.equal(alone.errors[0].code, "list_year_required");
  const slot = page.locator("#list-year-field > .error");
  await slot.getByText(alone.errors[0].message.vi).waitFor();
  assert.equal(await slot.locator("[data-code]").getAttribute("data-code"), "list_year_required");
  assert.equal((await page.textContent("#standard-name")).trim(), "—");
  assert.equal(await page.locator("#indicators input").count(), 0);

  // The 2027 list: NĐ 351/2025, picked by the list year, with its 12 indicators from core's data.
  await page.fill("#list-year", "2027");
  await page.waitForSelector("#standard-name[data-standard='nd351-2025']");
  assert.match(await page.textContent("#standard-name"), /NĐ 351\/2025/);
  const picked = gn.selectStandard({ date: "2026-11-30", list_year: 2027 }).value;
  assert.equal(picked.selection.by, "list_year");
  assert.equal(await page.getAttribute("#selection", "data-by"), "list_year");
  assert.ok((await page.textContent("#selection")).includes(picked.selection.message.vi));
  assert.equal(await slot.textContent(), "");
  await page.waitForFunction(() => document.querySelectorAll("#indicators input").length === 12);
  const shown = await page.$$eval("#indicators input", (xs) => xs.map((x) => x.value));
  assert.deepEqual(shown, picked.standard.indicators.map((i) => i.id));
  assert.ok(shown.includes("waste_treatment") && !shown.includes("information_means"));
  const unverified = [];
  for (const ind of picked.standard.indicators) {
    const row = page.locator(`[data-path='/indicators/${ind.id}']`);
    assert.ok((await row.locator("label").textContent()).includes(ind.name.vi), ind.id);
    const badge = (await row.locator("[data-unverified]").count()) === 1;
    assert.equal(badge, ind.name_confidence === "unverified" || ind.rule_confidence === "unverified", ind.id);
    if (badge) unverified.push(ind.id);
  }
  assert.ok(unverified.includes("waste_treatment"), "waste treatment's rule is unverified");
  assert.match(await page.textContent("[data-path='/indicators/waste_treatment']"), /chưa kiểm chứng/);

  // Three deprivations and 2.100.000 đồng (rural): poor under NĐ 351/2025.
  const deprived = ["health_insurance", "water_source", "waste_treatment"];
  for (const id of deprived) await page.check(`#ind-${id}`);
  await page.locator("#income").pressSequentially("2.100.000");
  const request = {
    date: "2026-11-30", list_year: 2027, area: "rural", income: { monthly_per_capita: "2100000" },
    indicators: Object.fromEntries(picked.standard.indicators.map((i) => [i.id, deprived.includes(i.id)])),
  };
  const report = await expectReport(page, request);
  assert.equal(report.class, "poor");
  assert.equal(report.standard.id, "nd351-2025");
  assert.equal((await page.textContent("#class")).trim(), "hộ nghèo");
  assert.match(await page.textContent("#reasons"), /NĐ 351\/2025\/NĐ-CP/);
  assert.ok((await page.textContent("#applied-selection")).includes(report.selection.message.vi));
  // Its eligibility on that day: the 2026-2030 catalog (a named gap) and the general policies; 100%
  // health insurance for a poor household, the last version known, flagged as not confirmed after
  // its known_until (core's answer, shown as given).
  await page.waitForSelector("#catalogs[data-catalogs='ntp-2026-2030 general-policies']");
  await page.locator("#program-gaps li").first().waitFor();
  await page.waitForSelector("#programs li[data-program='health_insurance'] .entitlement[data-kind='share'][data-value='100']");
  assert.match(await page.textContent("#programs li[data-program='health_insurance']"), /chưa kiểm chứng/);
  await page.screenshot({ path: join(www, "pkg", "screenshot-list-year.png"), fullPage: true });

  // English: the selection message and the badge follow the language toggle.
  await page.click("#lang");
  assert.ok((await page.textContent("#selection")).includes(picked.selection.message.en));
  assert.match(await page.textContent("[data-path='/indicators/waste_treatment']"), /unverified/);
  assert.equal((await page.textContent("#class")).trim(), report.class_name.en);
  await page.click("#lang");

  // Facts under NĐ 351/2025: core's indicator_rule_unknown for the thresholds it does not know.
  await page.check("input[name=way-in][value=facts]");
  await page.fill("#members", "1");
  await page.fill("#m0-age", "40");
  await page.locator("#pending-errors [data-code='indicator_rule_unknown']").first().waitFor();
  const codes = await page.$$eval("#pending-errors [data-code]", (xs) => xs.map((x) => x.dataset.code));
  assert.ok(codes.includes("indicator_rule_unknown"), codes.join(", "));

  // Back to a 2026 list: NĐ 07/2021 again, information means back, waste treatment gone.
  await page.check("input[name=way-in][value=indicators]");
  await page.fill("#members", "4");
  await page.fill("#list-year", "2026");
  await page.waitForSelector("#standard-name[data-standard='nd07-2021']");
  const nd07 = await page.$$eval("#indicators input", (xs) => xs.map((x) => x.value));
  assert.ok(!nd07.includes("waste_treatment") && nd07.includes("information_means"));
  assert.deepEqual(nd07, gn.standardForListYear(2026).value.indicators.map((i) => i.id));
  // A list year the date cannot belong to: core's list_year_mismatch at the field.
  await page.fill("#list-year", "2029");
  await page.locator("#list-year-field > .error [data-code='list_year_mismatch']").waitFor();
  await page.close();
});

test("facts instead of indicator answers: errors land on the nested fields, then a class", async () => {
  const page = await openForm();
  await page.check("input[name=way-in][value=facts]");
  await page.fill("#members", "2");
  await page.fill("#income", "850000");
  await page.click("#check-all");
  await page.locator("[data-path='/facts/members/0/age'] > .error [data-code='member_age_missing']").waitFor();
  await page.fill("#m0-age", "40");
  await page.fill("#m1-age", "10");
  await page.locator("[data-path='/facts/water_source'] > .error [data-code='fact_missing']").waitFor();
  const picks = {
    "#m0-education": "lower_secondary", "#m0-in_school": "false", "#m0-health_insurance": "false",
    "#m1-education": "primary", "#m1-in_school": "true", "#m1-health_insurance": "true",
    "#wall_durable": "true", "#column_durable": "true", "#roof_durable": "false", "#water_source": "piped",
    "#toilet": "simple_pit", "#ill_member_untreated": "false", "#uses_telephone": "true", "#uses_internet": "false",
    "#hears_loudspeaker": "true", "#owns_tv": "true", "#owns_radio": "false", "#owns_computer": "false",
    "#owns_telephone": "true", "#owns_smartphone": "false",
  };
  for (const [sel, v] of Object.entries(picks)) await page.selectOption(sel, v);
  await page.fill("#floor_area_m2", "30");
  const facts = {
    members: [
      { age: 40, education: "lower_secondary", in_school: false, health_insurance: false },
      { age: 10, education: "primary", in_school: true, health_insurance: true },
    ],
    housing: { wall_durable: true, column_durable: true, roof_durable: false, floor_area_m2: "30" },
    owns: { tv: true, radio: false, computer: false, telephone: true, smartphone: false },
    water_source: "piped", toilet: "simple_pit", ill_member_untreated: false, uses_telephone: true,
    uses_internet: false, hears_loudspeaker: true,
  };
  const report = await expectReport(page, { date: "2018-06-30", area: "rural", income: { monthly_per_capita: "850000" }, facts });
  assert.ok(report.indicators.some((i) => i.evidence), "evidence from facts");
  await page.close();
});

test("the page also works opened from file://, and the ES-module build loads in Chromium", async () => {
  const page = await openForm(pathToFileURL(join(www, "index.html")).href);
  await page.locator("#income").pressSequentially("650000");
  await page.waitForSelector("#class[data-class='poor']");
  await page.close();

  const esm = await openForm();
  const answer = await esm.evaluate(async () => {
    const m = await import("./pkg/esm/giamngheo_wasm.js");
    await m.default({ module_or_path: "./pkg/esm/giamngheo_wasm_bg.wasm" });
    return m.classify({ date: "2018-06-30", area: "urban", income: { monthly_per_capita: "-5" }, indicators: {} });
  });
  assert.deepEqual(answer, gn.classify({ date: "2018-06-30", area: "urban", income: { monthly_per_capita: "-5" }, indicators: {} }));
  await esm.close();
});

test("no console errors, no page errors, no network", () => {
  assert.deepEqual(problems, []);
});
