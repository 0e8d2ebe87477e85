// The demo form in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core, which
// never downloads a browser). A tiny static server on 127.0.0.1 serves www/; everything stops by
// itself (timeouts) and is cleaned up in `after`. The expected texts are computed with the node
// build of the same package, so the page is checked against giamngheo, not against copies.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromiumPath as executablePath, gn, launchChromium, qd59, relativePath, repo, serveFiles, wasmDir } from "./helpers.mjs";

const www = join(wasmDir, "www");
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
  ({ server, base } = await serveFiles((pathname) => [www, relativePath(pathname) || "index.html"], TYPES));
  ({ context, userDir } = await launchChromium(
    "giamngheo-chromium-",
    {
      viewport: { width: 1360, height: 900 },
      // The locale that shows a native date input as mm/dd/yyyy: the form's dates stay dd/mm/yyyy.
      locale: "en-US",
      acceptDownloads: true,
    },
    ["--allow-file-access-from-files"],
  ));
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
  await page.fill("#date", "30/06/2023");
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
  await page.fill("#date", "30/11/2026");
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

// ---------------------------------------------------------------------------------------------
// The form an officer can use: words, layout at a desktop and a phone width, dates, confidence
// badges, print and download, keyboard and screen readers.

/** Every member control filled in facts mode (the NĐ 07/2021 household used below). */
const FACTS_2023 = {
  members: [
    { age: 40, education: "primary", in_school: false, health_insurance: true, employment: "self_employed", monthly_social_allowance: false, malnourished: false },
    { age: 10, education: "primary", in_school: false, health_insurance: true, employment: "not_in_labour_force", monthly_social_allowance: false, malnourished: false },
  ],
  housing: { wall_durable: true, column_durable: true, roof_durable: false, floor_area_m2: "30" },
  owns: { tv: true, radio: false, computer: false, telephone: true, smartphone: false },
  water_source: "piped", toilet: "simple_pit", ill_member_untreated: false, uses_telephone: true,
  uses_internet: false, hears_loudspeaker: true,
};

/** Types FACTS_2023 into the form (facts mode, 2 members). */
async function fillFacts(page, facts = FACTS_2023) {
  await page.check("#way-in-facts");
  await page.fill("#members", String(facts.members.length));
  for (const [i, m] of facts.members.entries()) {
    await page.fill(`#m${i}-age`, String(m.age));
    for (const k of ["education", "employment"]) await page.selectOption(`#m${i}-${k}`, m[k]);
    for (const k of ["in_school", "health_insurance", "monthly_social_allowance", "malnourished"]) {
      await page.selectOption(`#m${i}-${k}`, String(m[k]));
    }
  }
  for (const k of ["wall_durable", "column_durable", "roof_durable"]) await page.selectOption(`#${k}`, String(facts.housing[k]));
  await page.fill("#floor_area_m2", facts.housing.floor_area_m2);
  for (const [k, v] of Object.entries(facts.owns)) await page.selectOption(`#owns_${k}`, String(v));
  for (const k of ["water_source", "toilet"]) await page.selectOption(`#${k}`, facts[k]);
  for (const k of ["ill_member_untreated", "uses_telephone", "uses_internet", "hears_loudspeaker"]) await page.selectOption(`#${k}`, String(facts[k]));
}

/** Core's names of the confidence labels: { verified: { vi, en }, ... }. */
const confidenceNames = () => Object.fromEntries(
  gn.factLabels().value.categories.find((c) => c.id === "confidence").values.map((v) => [v.value, v.name]));

test("an empty form shows no error for untouched fields; 'Check everything' puts each at its field, in Vietnamese, by member", async () => {
  const page = await openForm();
  const empty = gn.classify({ date: "2018-06-30", area: "rural", income: {}, indicators: {} });
  assert.ok(empty.errors.some((e) => e.code === "income_missing"), "core refuses the empty form");
  assert.equal(await page.locator(".error [data-code]").count(), 0, "no error on untouched fields");
  assert.equal(await page.locator("#pending-errors").count(), 0);
  await page.locator("#untouched").waitFor();
  assert.doesNotMatch(await page.textContent("body"), /monthly_per_capita|annual_household/);

  // Asked for: the income error is at the income field, naming the page's fields, not JSON keys.
  await page.click("#check-all");
  const slot = page.locator("#income-field > .error");
  await slot.locator("[data-code='income_missing']").waitFor();
  const words = await slot.textContent();
  assert.doesNotMatch(words, /monthly_per_capita|annual_household/);
  assert.ok(words.includes("Bình quân đầu người/tháng"), words);
  assert.equal(await page.getAttribute("#income", "aria-invalid"), "true");
  // Keyboard users are taken to the first field to fix.
  assert.equal(await page.evaluate(() => document.activeElement.id), "income");

  // Four members without an age: four messages, each at its member's age and naming the member.
  await page.check("#way-in-facts");
  await page.fill("#members", "4");
  for (let i = 0; i < 4; i++) {
    const cell = page.locator(`[data-path='/facts/members/${i}/age'] > .error [data-code='member_age_missing']`);
    await cell.waitFor();
    assert.match(await cell.textContent(), new RegExp(`^Thành viên ${i + 1}: `));
  }
  await page.close();
});

test("dates are typed and shown as dd/mm/yyyy in an en-US browser; the ISO day goes to core", async () => {
  const page = await openForm();
  assert.equal(await page.evaluate(() => navigator.language), "en-US");
  assert.equal(await page.getAttribute("#date", "type"), "text");
  assert.equal(await page.inputValue("#date"), "30/06/2018");
  assert.equal(await page.getAttribute("#date", "data-iso"), "2018-06-30");
  assert.ok(await page.locator("label[for='date']").count() === 1);

  await page.fill("#date", "15/07/2023");
  await page.waitForSelector("#standard-name[data-standard='nd07-2021']");
  assert.equal(await page.getAttribute("#date", "data-iso"), "2023-07-15");
  await page.locator("#income").pressSequentially("650000");
  const nd07 = gn.standardInForce("2023-07-15").value;
  await expectReport(page, { date: "2023-07-15", area: "rural", income: { monthly_per_capita: "650000" },
    indicators: Object.fromEntries(nd07.indicators.map((i) => [i.id, false])) });

  // Not a day (31/02), or month and day swapped (07/15/2023): the page's own message at the field.
  for (const wrong of ["31/02/2023", "07/15/2023", "2023"]) {
    await page.fill("#date", wrong);
    const err = page.locator("[data-path='/date'] > .error [data-code='date_format']");
    await err.waitFor();
    assert.match(await err.textContent(), /dd\/mm\/yyyy/);
    assert.equal(await page.locator("#class").count(), 0);
  }
  // A day typed the ISO way is read, and shown dd/mm/yyyy once the field is left.
  await page.fill("#date", "2018-06-30");
  await page.locator("#date").blur();
  assert.equal(await page.inputValue("#date"), "30/06/2018");
  await page.waitForSelector("#class[data-class='poor']");
  assert.equal(await page.locator("[data-path='/date'] > .error [data-code]").count(), 0);
  await page.close();
});

test("eligibility hints name the facts by core's labels of the date, not JSON pointers", async () => {
  const page = await openForm();
  await page.locator("#income").pressSequentially("650000");
  await page.click("#cannot-decide summary");
  await page.waitForSelector("#cannot-decide li");
  const facts = gn.catalog({ date: "2018-06-30" }).value.facts;
  const label = (pointer) => facts[pointer.slice(1).split("/").join(".")]?.label;
  const hints = await page.$$eval(".missing[data-missing]", (xs) => xs.map((x) => ({ missing: x.dataset.missing.split(" "), text: x.textContent })));
  assert.ok(hints.length > 3);
  let named = 0;
  for (const h of hints) {
    assert.doesNotMatch(h.text, /(^|[\s:;(,])\/(place|person|household)\/[a-z]/, h.text);
    for (const p of h.missing) {
      if (!label(p)) continue;
      assert.ok(h.text.includes(label(p).vi), `${p}: ${h.text}`);
      named += 1;
    }
  }
  assert.ok(named > 3);
  assert.ok(hints.some((h) => h.missing.includes("/place/district_30a")));
  assert.ok((await page.textContent("#cannot-decide")).includes(facts["place.district_30a"].label.vi));
  await page.click("#lang");
  assert.ok((await page.textContent("#cannot-decide")).includes(facts["place.district_30a"].label.en));
  assert.doesNotMatch(await page.textContent("#outcome"), /(^|[\s:;(,])\/(place|person|household)\/[a-z]/);
  await page.close();
});

test("English view: fact values by core's names (no raw 'simple_pit')", async () => {
  const page = await openForm();
  await page.locator("#income").pressSequentially("850000");
  await fillFacts(page);
  const want = gn.classify({ date: "2018-06-30", area: "rural", income: { monthly_per_capita: "850000" }, facts: FACTS_2023 });
  assert.ok(want.ok, JSON.stringify(want.errors));
  assert.ok(want.value.indicators.find((i) => i.id === "sanitation").evidence.en.includes("simple_pit"), "core's English evidence quotes the key");
  await page.waitForSelector("#deprivations li[data-indicator='sanitation']");
  await page.click("#lang");
  const toilet = gn.factLabels().value.categories.find((c) => c.id === "toilet").values.find((v) => v.value === "simple_pit").name;
  const sanitation = await page.textContent("#deprivations li[data-indicator='sanitation']");
  assert.ok(sanitation.includes(toilet.en), sanitation);
  const shown = await page.textContent("body");
  const keys = gn.factLabels().value.categories.flatMap((c) => c.values.map((v) => v.value)).filter((k) => k.includes("_"));
  for (const k of keys) assert.ok(!shown.includes(k), `raw ${k} in the English page`);
  await page.close();
});

test("confidence badges follow the data exactly: NĐ 07/2021's rules verified by answers, lowered by unverified thresholds from facts", async () => {
  const names = confidenceNames();
  const page = await openForm();
  await page.fill("#date", "30/06/2023");
  await page.waitForSelector("#standard-name[data-standard='nd07-2021']");
  await page.locator("#income").pressSequentially("1000000");
  const nd07 = gn.standardInForce("2023-06-30").value;
  const byAnswers = await expectReport(page, { date: "2023-06-30", area: "rural", income: { monthly_per_capita: "1000000" },
    indicators: Object.fromEntries(nd07.indicators.map((i) => [i.id, false])) });
  const badges = async () => page.$$eval("#reasons li", (lis) => lis.map((li) => ({
    rule: li.dataset.rule, confidence: li.querySelector(".conf")?.dataset.confidence, text: li.querySelector(".conf")?.textContent,
    inBasis: li.querySelectorAll(".basis .conf").length })));
  const check = (shown, report) => report.reasons.forEach((x, i) => {
    assert.equal(shown[i].confidence, x.confidence, x.rule);
    assert.equal(shown[i].text, names[x.confidence].vi, x.rule);
    assert.equal(shown[i].inBasis, 0, "the badge is the step's, not the citation's");
  });
  // By indicator answers the decision rule of NĐ 07/2021 is verified (README), and so shown.
  const decision = byAnswers.reasons.find((x) => x.rule.startsWith("decision."));
  assert.equal(decision.confidence, "verified");
  check(await badges(), byAnswers);
  assert.equal(await page.locator("#reasons .conf-unverified").count(), 0);
  // Indicator list: a badge exactly when the name or rule is not verified, with core's label.
  for (const ind of nd07.indicators) {
    const badge = page.locator(`[data-path='/indicators/${ind.id}'] .conf`);
    const worst = [ind.name_confidence, ind.rule_confidence].includes("unverified") ? "unverified"
      : [ind.name_confidence, ind.rule_confidence].includes("partial") ? "partial"
        : [ind.name_confidence, ind.rule_confidence].includes("secondary") ? "secondary" : "verified";
    if (worst === "verified") assert.equal(await badge.count(), 0, ind.id);
    else assert.equal(await badge.getAttribute("data-confidence"), worst, ind.id);
  }
  // From facts, core lowers the deprivation count and the decision to the least sure threshold
  // (report.rs: rules_confidence): the red badge then is the data's, and the page says why.
  await fillFacts(page);
  const byFacts = gn.classify({ date: "2023-06-30", area: "rural", income: { monthly_per_capita: "1000000" }, facts: FACTS_2023 }).value;
  assert.equal(byFacts.reasons.find((x) => x.rule.startsWith("decision.")).confidence, "unverified");
  await page.waitForFunction((n) => document.querySelectorAll("#reasons li").length === n && document.querySelector("#facts-confidence"), byFacts.reasons.length);
  check(await badges(), byFacts);
  // Programs: one badge, the decision's own label; the sources carry none.
  const e = gn.eligibility({ date: "2023-06-30", household: { classify: { date: "2023-06-30", area: "rural", income: { monthly_per_capita: "1000000" }, facts: FACTS_2023 } },
    place: { province: "Cao Bằng" } }).value;
  for (const d of e.decisions.filter((x) => x.outcome === "eligible" || x.outcome === "eligible_level_undecided")) {
    const li = page.locator(`#programs li[data-program='${d.program}']`);
    assert.deepEqual(await li.locator(".conf").evaluateAll((xs) => xs.map((x) => x.dataset.confidence)), [d.confidence], d.program);
  }
  await page.close();
});

test("at 1280 px and at a 390 px phone: no horizontal scroll, every member's field visible, labelled and usable", async () => {
  const page = await openForm();
  await page.locator("#income").pressSequentially("850000");
  await page.check("#way-in-facts");
  await page.fill("#members", "4");
  await page.click("#check-all");
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    assert.ok(scroll <= inner, `${width}: scrollWidth ${scroll} > innerWidth ${inner}`);
    const controls = await page.$$eval("#members-table tbody input, #members-table tbody select", (xs) => xs.map((x) => {
      const r = x.getBoundingClientRect();
      const label = x.labels[0];
      const lr = label.getBoundingClientRect();
      return { id: x.id, left: r.left, right: r.right, width: r.width, label: label.textContent, labelShown: lr.width > 1 && lr.height > 1 };
    }));
    assert.equal(controls.length, 4 * 7);
    for (const c of controls) {
      assert.ok(c.left >= 0 && c.right <= inner && c.width >= 40, `${width}: ${c.id} at ${c.left}..${c.right}`);
      assert.ok(c.label.length > 1, c.id);
    }
    // Stacked as cards (the form's column at 1280 is too narrow for 8 columns): each field's label shows.
    assert.ok(controls.every((c) => c.labelShown), `${width}: labels shown`);
    assert.equal(await page.textContent("#members-table tr[data-member='2'] th"), "Thành viên 3");
    // Usable: the third member's age is typed, the error at it goes away.
    await page.fill("#m2-age", String(30 + width % 7));
    await page.waitForFunction(() => !document.querySelector("[data-path='/facts/members/2/age'] > .error [data-code]"));
    await page.fill("#m2-age", "");
    await page.locator("[data-path='/facts/members/2/age'] > .error [data-code]").waitFor();
    await page.screenshot({ path: join(www, "pkg", `form-${width}.png`), fullPage: true });
    assert.ok(statSync(join(www, "pkg", `form-${width}.png`)).size > 10_000);
  }
  // A result at the phone width, with its programs.
  await fillFacts(page);
  await page.waitForSelector("#class");
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  assert.ok(scroll <= inner, `390 with a result: ${scroll} > ${inner}`);
  await page.screenshot({ path: join(www, "pkg", "result-390.png"), fullPage: true });
  await page.setViewportSize({ width: 1360, height: 900 });
  await page.close();
});

test("a one-page printed summary and the answer as a JSON file (a Blob, no network)", async () => {
  const page = await openForm();
  await page.locator("#income").pressSequentially("650000");
  await page.selectOption("#district", "Bảo Lâm");
  await page.selectOption("#commune_135", "true");
  await page.fill("#ethnic_group", "Mông");
  await page.check("#ind-health_insurance");
  await page.waitForSelector("#programs li");

  const href = await page.getAttribute("#download", "href");
  assert.match(href, /^blob:/);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
  assert.equal(download.suggestedFilename(), "giamngheo-2018-06-30.json");
  const answer = JSON.parse(readFileSync(await download.path(), "utf8"));
  assert.deepEqual(answer.classify, gn.classify(answer.request.classify));
  assert.deepEqual(answer.request.classify, qd59("650000", ["health_insurance"]));
  assert.deepEqual(answer.eligibility, gn.eligibility(answer.request.eligibility));
  assert.equal(answer.eligibility.value.decisions.filter((d) => d.outcome === "eligible").length,
    await page.locator("#programs li").count() - answer.eligibility.value.decisions.filter((d) => d.outcome === "eligible_level_undecided").length);

  // The print button calls the browser's print.
  await page.evaluate(() => { window.print = () => { document.body.dataset.printed = "1"; }; });
  await page.click("#print");
  assert.equal(await page.getAttribute("body", "data-printed"), "1");
  // The print stylesheet: the form hidden; the household, class, reasons with basis and programs; one A4 page.
  await page.emulateMedia({ media: "print" });
  const shown = (sel) => page.$eval(sel, (x) => getComputedStyle(x).display !== "none" && x.getBoundingClientRect().height > 0);
  assert.equal(await shown("#form"), false);
  assert.equal(await shown("#print"), false);
  for (const sel of ["#print-summary", "#class", "#reasons", "#programs"]) assert.ok(await shown(sel), sel);
  assert.match(await page.textContent("#print-summary"), /30\/06\/2018/);
  assert.match(await page.textContent("#reasons"), /Căn cứ: QĐ 59\/2015/);
  const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.equal(pages, 1, "the summary fits one A4 page");
  await page.emulateMedia({ media: "screen" });
  await page.close();
});

test("keyboard only and screen readers: labels for every control, a visible focus, a polite live result, no serious axe-core violation", async () => {
  const page = await openForm();
  assert.equal(await page.getAttribute("#result", "aria-live"), "polite");
  // Tab from the top of the page to the income field, type, and the class appears.
  let focused = "";
  for (let i = 0; i < 30 && focused !== "income"; i++) {
    await page.keyboard.press("Tab");
    focused = await page.evaluate(() => document.activeElement.id);
  }
  assert.equal(focused, "income");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none", "focus visible");
  await page.keyboard.type("650000");
  await page.waitForSelector("#class[data-class='poor']");
  // Radios by keyboard: the facts way in.
  await page.focus("#way-in-indicators");
  await page.keyboard.press("ArrowRight");
  assert.ok(await page.isChecked("#way-in-facts"));
  await page.fill("#members", "3");
  await page.click("#check-all");

  const axeSource = readFileSync(join(wasmDir, "node_modules", "axe-core", "axe.min.js"), "utf8");
  await page.addScriptTag({ content: axeSource });
  const audit = async (what) => {
    const unlabelled = await page.$$eval("input, select, textarea", (xs) =>
      xs.filter((x) => x.type !== "hidden" && !x.closest("[hidden]") && !(x.id && document.querySelector(`label[for='${x.id}']`))).map((x) => x.id || x.name));
    assert.deepEqual(unlabelled, [], `${what}: controls without <label for>`);
    const r = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ["violations"] }));
    const bad = r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
    assert.deepEqual(bad, [], `${what}: axe-core`);
    return r.violations.length;
  };
  await audit("facts with errors, 1360 px");
  await page.setViewportSize({ width: 390, height: 900 });
  await audit("facts with errors, 390 px");
  await page.check("#way-in-indicators");
  await page.waitForSelector("#class");
  await page.click("#lang");
  await audit("a result in English, 390 px");
  await page.setViewportSize({ width: 1360, height: 900 });
  await page.close();
});

// ---------------------------------------------------------------------------------------------
// The HTML report of `giamngheo classify` (core/cli/src/report.rs), written by the command itself
// and opened from disk: its SVG bars are drawn, and the page asks nothing of the network.

test("the classify command's HTML report opens from file://: SVG bars drawn, the table's rates on them, no request", async () => {
  const dir = mkdtempSync(join(tmpdir(), "giamngheo-report-"));
  try {
    copyFileSync(join(repo, "tests", "cli", "households.csv"), join(dir, "households.csv"));
    execFileSync(process.env.CARGO || "cargo", ["run", "-q", "-p", "giamngheo-cli", "--", "classify", join(dir, "households.csv")], {
      cwd: repo, stdio: ["ignore", "ignore", "inherit"], timeout: 280_000,
    });
    const page = await context.newPage();
    const requests = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`report console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`report page error: ${e.message}`));
    await page.goto(pathToFileURL(join(dir, "households.csv.report.html")).href);
    const bars = await page.$$eval("svg rect.bar", (rects) => rects.map((r) => {
      const b = r.getBoundingClientRect();
      return { width: b.width, height: b.height, indicator: r.dataset.indicator, series: r.dataset.series, value: r.dataset.value };
    }));
    // 10 indicators × (the file, the plan's figures under QĐ 59/2015), then the groups' classes.
    assert.equal(bars.filter((b) => b.series === "file").length, 10);
    assert.equal(bars.filter((b) => b.series === "plan").length, 10);
    assert.ok(bars.some((b) => b.series === undefined), "the stacked bars by group");
    for (const b of bars) assert.ok(b.width > 0 && b.height > 0, `a visible bar: ${JSON.stringify(b)}`);
    const bar = (ind, series) => bars.find((b) => b.indicator === ind && b.series === series);
    assert.ok(bar("health_access", "file").width > bar("child_schooling", "file").width, "33,33% is longer than 0,00%");
    // The value printed on a bar is the table's cell (the first column: poor households).
    for (const ind of ["health_access", "child_schooling"]) {
      const cell = await page.textContent(`#deprivation_among_poor tr[data-key='${ind}'] td`);
      const shown = await page.textContent(`text.value[data-indicator='${ind}'][data-series='file']`);
      assert.equal(shown.trim(), cell.trim());
    }
    assert.ok(await page.isVisible("#groups_chart svg") && await page.isVisible("#alkire_foster table"));
    assert.ok(requests.length >= 1);
    assert.deepEqual(requests.filter((u) => !u.startsWith("file:")), [], "no network");
    await page.screenshot({ path: join(www, "pkg", "report.png"), fullPage: true });
    assert.ok(statSync(join(www, "pkg", "report.png")).size > 10_000);
    await page.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("no console errors, no page errors, no network", () => {
  assert.deepEqual(problems, []);
});
