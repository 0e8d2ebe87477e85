// The JS API itself: every function answers a tagged result, misuse throws real Errors, money
// crosses as strings, and the three builds (node, web ES module, types) agree.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gn, qd59, repo, wasmDir } from "./helpers.mjs";

const isResult = (r) =>
  r !== null && typeof r === "object" &&
  ((r.ok === true && "value" in r) || (r.ok === false && Array.isArray(r.errors) && r.errors.length > 0));

test("exports the whole API", () => {
  const names = [
    "version", "functions", "standards", "standardInForce", "standardById", "selectStandard", "standardForListYear",
    "gaps", "loadStandard",
    "LocalStandard", "classify", "classifyBrief", "validate", "call", "eligibility", "eligibilityOne",
    "whyNot", "catalog", "districts", "checkPlan", "allocate", "counterpartRatio", "factLabels", "formatNumber",
  ];
  for (const n of names) assert.equal(typeof gn[n], "function", n);
  const cargo = readFileSync(join(repo, "Cargo.toml"), "utf8");
  assert.equal(gn.version(), /\[workspace\.package\][^[]*?version = "([^"]+)"/.exec(cargo)[1]);
});

test("functions() lists core's JSON door, and the generated types know each of them", () => {
  const listed = gn.functions().map((f) => f.name);
  assert.ok(listed.includes("classify") && listed.includes("why_not"));
  const types = readFileSync(join(wasmDir, "types", "giamngheo-types.d.ts"), "utf8");
  const block = /export interface Functions \{([\s\S]*?)\n\}/.exec(types)[1];
  const typed = [...block.matchAll(/^ {2}(\w+): \{/gm)].map((m) => m[1]);
  assert.deepEqual([...typed].sort(), [...listed].sort(), "the generated types differ from core's registry");
  // Exactly core's registry (schemas/functions.json, generated from it and drift-checked).
  const registry = JSON.parse(readFileSync(join(repo, "schemas", "functions.json"), "utf8"));
  assert.deepEqual(gn.functions(), registry.map((f) => ({ name: f.name, description: f.doc })));
});

test("classify: a poor and a near-poor household (QĐ 59/2015), with reasons and legal basis", () => {
  const poor = gn.classify(qd59("650000"));
  assert.ok(poor.ok, JSON.stringify(poor.errors));
  assert.equal(poor.value.class, "poor");
  assert.equal(poor.value.class_name.vi, "hộ nghèo");
  assert.equal(poor.value.standard.id, "qd59-2015");
  assert.deepEqual(poor.value.reasons.map((r) => r.rule), ["income_at_or_below_poor_line", "decision.poor_by_income"]);
  for (const r of poor.value.reasons) {
    assert.ok(r.message.vi && r.message.en && r.citation.document && r.confidence);
  }
  const near = gn.classify(qd59("850000", ["health_insurance", "sanitation"]));
  assert.ok(near.ok);
  assert.equal(near.value.class, "near_poor");
  assert.equal(near.value.deprivation_count, 2);
  assert.deepEqual([...near.value.deprived].sort(), ["health_insurance", "sanitation"]);
});

test("money crosses as strings, never as JS numbers", () => {
  const r = gn.classify(qd59("850000.5", ["health_insurance"])).value;
  assert.equal(r.income_per_capita_monthly, "850000.5");
  for (const reason of r.reasons) {
    if ("value" in reason) assert.equal(typeof reason.value, "string", reason.rule);
    if ("threshold" in reason) assert.equal(typeof reason.threshold, "string", reason.rule);
  }
  const annual = gn.classify({ ...qd59(), income: { annual_household: "10000000", household_size: 3 } });
  assert.equal(annual.value.income_per_capita_monthly, "277777.78"); // display only; compared exactly
  const e = gn.eligibility({
    date: "2018-06-30", household: { class: "poor" },
    person: { ethnic_group: "Mông", school_level: "primary" },
    place: { province: "Cao Bằng", district: "Bảo Lâm" },
  });
  assert.ok(e.ok, JSON.stringify(e.errors));
  const amounts = e.value.decisions.flatMap((d) => d.entitlements).filter((x) => "amount" in x || "percent" in x);
  assert.ok(amounts.length > 0);
  for (const x of amounts) {
    if ("amount" in x) assert.equal(typeof x.amount, "string");
    if ("percent" in x) assert.equal(typeof x.percent, "string");
  }
});

test("errors are values: code, JSON pointer, Vietnamese and English", () => {
  const r = gn.classify(qd59("-1000"));
  assert.equal(r.ok, false);
  assert.equal(r.errors.length, 1);
  const [e] = r.errors;
  assert.equal(e.code, "income_negative");
  assert.equal(e.path, "/income/monthly_per_capita");
  assert.match(e.message.vi, /Thu nhập không được âm/);
  assert.match(e.message.en, /negative/);
  assert.deepEqual(gn.validate(qd59("-1000")), r);
  assert.deepEqual(gn.classifyBrief(qd59("-1000")), r);
  // JSON text goes to core as is: malformed text is core's json_syntax error, not an exception.
  const bad = gn.classify('{"area": ');
  assert.equal(bad.ok, false);
  assert.equal(bad.errors[0].code, "json_syntax");
  assert.equal(gn.classify("[1, 2]").errors[0].code, "type_invalid");
  assert.equal(gn.call("no_such_function", {}).errors[0].code, "function_unknown");
});

test("misuse throws a TypeError with code argument_invalid", () => {
  const cyclic = {};
  cyclic.self = cyclic;
  const misuses = [
    () => gn.classify(),
    () => gn.classify(null),
    () => gn.classify(42),
    () => gn.classify(true),
    () => gn.classify([qd59("1")]),
    () => gn.classify(() => 1),
    () => gn.classify(cyclic),
    () => gn.classify({ income: { monthly_per_capita: 10n } }),
    () => gn.eligibility(undefined),
    () => gn.call(42, {}),
    () => gn.call("classify"),
    () => gn.standardInForce(20180630),
    () => gn.standardById(undefined),
    () => gn.selectStandard(),
    () => gn.selectStandard(2027),
    () => gn.selectStandard(["2026-11-30"]),
    () => gn.standardForListYear("2027"),
    () => gn.standardForListYear(),
    () => gn.standardForListYear(2027n),
    () => gn.loadStandard(7),
  ];
  for (const f of misuses) {
    assert.throws(f, (e) => e instanceof TypeError && e.code === "argument_invalid" && e.message.length > 0, f.toString());
  }
  // The module is still alive after every misuse.
  assert.equal(gn.classify(qd59("650000")).value.class, "poor");
});

test("every function answers a tagged result", () => {
  const req = qd59("650000");
  const elig = { date: "2018-06-30", household: { classify: req }, place: { province: "Cao Bằng", district: "Bảo Lâm" } };
  const results = [
    gn.standards(), gn.standardInForce("2018-06-30"), gn.standardInForce("1999-01-01"),
    gn.standardInForce("2018-02-30"), gn.standardById("nd07-2021"), gn.standardById("nope"), gn.gaps(),
    gn.classify(req), gn.classifyBrief(req), gn.validate(req), gn.eligibility(elig),
    gn.eligibilityOne({ ...elig, program: "health_insurance" }), gn.whyNot({ ...elig, program: "health_insurance" }),
    gn.catalog({ date: "2018-06-30" }), gn.catalog({ date: "2023-06-30", catalog: "nope" }), gn.districts(), gn.checkPlan({}), gn.allocate({}), gn.counterpartRatio({}),
    gn.selectStandard({ date: "2026-11-30" }), gn.selectStandard({ date: "2026-11-30", list_year: 2027 }),
    gn.selectStandard("{}"), gn.selectStandard("{"), gn.standardForListYear(2027), gn.standardForListYear(-1),
    gn.call("classify", JSON.stringify(req)), gn.loadStandard("{}"),
  ];
  for (const r of results) assert.ok(isResult(r), JSON.stringify(r).slice(0, 200));
});

test("standards: embedded, in force on a date, by id, and the gaps", () => {
  const all = gn.standards();
  assert.deepEqual(all.value.map((s) => s.id), ["qd09-2011", "qd59-2015", "nd07-2021", "nd351-2025"]);
  assert.equal(gn.standardInForce("2018-06-30").value.id, "qd59-2015");
  assert.equal(gn.standardInForce("2023-01-01").value.indicators.length, 12);
  assert.equal(gn.standardInForce("2027-01-01").value.id, "nd351-2025");
  const gap = gn.standardInForce("2031-01-01");
  assert.equal(gap.errors[0].code, "date_outside_any_standard");
  assert.equal(gap.errors[0].path, "/date");
  assert.equal(gn.standardInForce("2018-02-30").errors[0].code, "date_invalid");
  assert.equal(gn.standardById("nope").errors[0].code, "standard_unknown");
  assert.ok(gn.gaps().value.length > 0);
});

test("selectStandard: a review at the end of 2026 needs its list year (core's select_standard)", () => {
  const alone = gn.selectStandard({ date: "2026-11-30" });
  assert.equal(alone.ok, false);
  assert.deepEqual(alone.errors.map((e) => [e.code, e.path]), [["list_year_required", "/list_year"]]);
  assert.match(alone.errors[0].message.vi, /NĐ 351\/2025/);
  assert.ok(alone.errors[0].message.en.length > 0);

  const next = gn.selectStandard({ date: "2026-11-30", list_year: 2027 });
  assert.ok(next.ok, JSON.stringify(next.errors));
  assert.equal(next.value.standard.id, "nd351-2025");
  assert.equal(next.value.selection.by, "list_year");
  assert.equal(next.value.selection.list_year, 2027);
  assert.ok(next.value.selection.message.vi && next.value.selection.message.en && next.value.selection.confidence);
  // The standard is core's whole parameter data: NĐ 351/2025's 12 indicators, waste treatment in,
  // information means out, each with how sure its name and its rule are.
  const ids = next.value.standard.indicators.map((i) => i.id);
  assert.equal(ids.length, 12);
  assert.ok(ids.includes("waste_treatment") && !ids.includes("information_means"));
  assert.ok(next.value.standard.indicators.every((i) => i.rule_confidence && i.name_confidence));

  const same = gn.selectStandard({ date: "2026-11-30", list_year: 2026 });
  assert.ok(same.ok, JSON.stringify(same.errors));
  assert.equal(same.value.standard.id, "nd07-2021");
  assert.equal(same.value.selection.by, "list_year");

  // JSON text too; the other rules of the pick are core's.
  assert.deepEqual(gn.selectStandard(JSON.stringify({ date: "2026-11-30", list_year: 2027 })), next);
  assert.equal(gn.selectStandard({ date: "2018-06-30" }).value.selection.by, "date");
  assert.equal(gn.selectStandard({ date: "2018-06-30" }).value.standard.id, "qd59-2015");
  assert.equal(gn.selectStandard({ standard: "nd351-2025", date: "2026-11-30", list_year: 2027 }).value.selection.by, "named");
  assert.equal(gn.selectStandard({ list_year: 2027 }).value.standard.id, "nd351-2025");
  const wrong = (req) => gn.selectStandard(req).errors.map((e) => [e.code, e.path]);
  assert.deepEqual(wrong({ date: "2028-01-01", list_year: 2027 }), [["list_year_mismatch", "/list_year"]]);
  assert.deepEqual(wrong({}), [["date_missing", "/date"]]);
  assert.equal(wrong({ list_year: "2027" })[0][1], "/list_year");
  assert.equal(wrong({ list_year: -1 })[0][1], "/list_year");
  assert.equal(wrong({ list_year: 2027.5 })[0][1], "/list_year");
  assert.equal(wrong({ date: "2026-02-30" })[0][1], "/date");
  assert.deepEqual(wrong({ date: "2026-11-30", area: "rural" }), [["field_unknown", "/area"]]);
  assert.deepEqual(wrong({ standard: "nope" }), [["standard_unknown", "/standard"]]);
  // Agrees with classify on the same fields.
  for (const req of [{ date: "2026-11-30" }, { date: "2026-11-30", list_year: 2027 }, { date: "2023-06-30" }]) {
    const s = gn.selectStandard(req);
    const indicators = s.ok ? Object.fromEntries(s.value.standard.indicators.map((i) => [i.id, false])) : {};
    const c = gn.classify({ ...req, area: "rural", income: { monthly_per_capita: "5000000" }, indicators });
    if (!s.ok) assert.deepEqual(c, s);
    else {
      assert.ok(c.ok, JSON.stringify(c.errors));
      assert.equal(c.value.standard.id, s.value.standard.id);
      assert.deepEqual(c.value.selection, s.value.selection);
    }
  }
});

test("standardForListYear: the standard in force on 1 January of the list year", () => {
  assert.equal(gn.standardForListYear(2027).value.id, "nd351-2025");
  assert.equal(gn.standardForListYear(2026).value.id, "nd07-2021");
  assert.equal(gn.standardForListYear(2016).value.id, "qd59-2015");
  for (const y of [2031, -1, 2027.5, NaN, Infinity, 1e21, 70000]) {
    const r = gn.standardForListYear(y);
    assert.equal(r.ok, false, String(y));
    assert.ok(r.errors.every((e) => e.path === "/list_year" && e.code && e.message.vi && e.message.en), `${y}: ${JSON.stringify(r.errors)}`);
  }
});

test("a household reviewed on 2026-11-30 for the 2027 list: poor under NĐ 351/2025", () => {
  const nd351 = gn.standardForListYear(2027).value;
  const deprived = ["health_insurance", "water_source", "waste_treatment"];
  const request = {
    date: "2026-11-30", list_year: 2027, area: "rural", income: { monthly_per_capita: "2100000" },
    indicators: Object.fromEntries(nd351.indicators.map((i) => [i.id, deprived.includes(i.id)])),
  };
  const r = gn.classify(request);
  assert.ok(r.ok, JSON.stringify(r.errors));
  assert.equal(r.value.standard.id, "nd351-2025");
  assert.equal(r.value.selection.by, "list_year");
  assert.equal(r.value.selection.list_year, 2027);
  assert.equal(r.value.class, "poor");
  assert.equal(r.value.deprivation_count, 3);
  assert.ok(r.value.reasons.some((x) => /NĐ 351\/2025\/NĐ-CP/.test(x.citation.document)), "a reason citing NĐ 351/2025/NĐ-CP");
  assert.ok(r.value.indicators.every((i) => i.name_confidence), "name_confidence on every indicator");
  // The light answer names the standard and how it was picked.
  const b = gn.classifyBrief(request);
  assert.ok(b.ok, JSON.stringify(b.errors));
  assert.equal(b.value.standard, "nd351-2025");
  assert.equal(b.value.class, "poor");
  assert.deepEqual(b.value.selection, { by: "list_year", list_year: 2027 });
  // Without the list year: core's typed error, from every entry point.
  const { list_year: _, ...alone } = request;
  for (const f of [gn.classify, gn.classifyBrief, gn.validate]) {
    assert.deepEqual(f(alone).errors.map((e) => [e.code, e.path]), [["list_year_required", "/list_year"]]);
  }
  // Facts under NĐ 351/2025: the thresholds the library does not know are core's errors.
  const facts = gn.classify({
    date: "2026-11-30", list_year: 2027, area: "rural", income: { monthly_per_capita: "2100000" },
    facts: { members: [{ age: 40 }] },
  });
  assert.equal(facts.ok, false);
  assert.ok(facts.errors.some((e) => e.code === "indicator_rule_unknown" && e.path.startsWith("/indicators/")), JSON.stringify(facts.errors));
});

test("loadStandard: a province's own standard, checked by core's rules", () => {
  const text = readFileSync(join(repo, "tests", "standards", "dong-nai-2022.json"), "utf8");
  const loaded = gn.loadStandard(JSON.parse(text));
  assert.ok(loaded.ok, JSON.stringify(loaded.errors));
  const s = loaded.value;
  assert.ok(s instanceof gn.LocalStandard);
  assert.equal(s.id, JSON.parse(text).id);
  assert.equal(s.toJSON().id, s.id);
  assert.equal(JSON.parse(JSON.stringify(s)).id, s.id);
  s.free();
  const broken = gn.loadStandard({ ...JSON.parse(text), income_lines: null });
  assert.equal(broken.ok, false);
  assert.ok(broken.errors.every((e) => e.code && typeof e.path === "string" && e.message.vi));
});

test("districts() has the shape its declared type says", () => {
  const d = gn.districts().value;
  assert.deepEqual(Object.keys(d).sort(), ["confidence", "districts", "note", "province", "source"]);
  for (const x of d.districts) assert.deepEqual(Object.keys(x).sort(), ["district_293", "district_30a", "name"]);
  assert.ok(d.districts.some((x) => x.name === "Bảo Lâm" && x.district_30a));
});

test("the web build (ES module) loads with initSync and gives the same answers", async () => {
  const web = await import(pathToFileURL(join(wasmDir, "pkg", "web", "giamngheo_wasm.js")).href);
  web.initSync({ module: readFileSync(join(wasmDir, "pkg", "web", "giamngheo_wasm_bg.wasm")) });
  for (const req of [qd59("650000"), qd59("850000", ["sanitation", "water_source"]), qd59("-1")]) {
    assert.deepEqual(web.classify(req), gn.classify(req));
  }
});

test("the npm package layout: exports point at files that exist", () => {
  const pkg = JSON.parse(readFileSync(join(wasmDir, "pkg", "package.json"), "utf8"));
  assert.equal(pkg.name, "giamngheo");
  assert.equal(pkg.version, gn.version());
  const targets = JSON.stringify(pkg.exports).match(/"\.\/[^"]+"/g).map((s) => s.slice(1, -1)).filter((p) => p.includes("."));
  for (const p of targets.filter((p) => p !== "./package.json" && !p.endsWith("/"))) {
    if (p === "." || p.startsWith("./giamngheo_wasm_bg")) continue;
    assert.ok(existsSync(join(wasmDir, "pkg", p)), p);
  }
  for (const t of ["web", "node"]) {
    assert.ok(existsSync(join(wasmDir, "pkg", t, "giamngheo-types.d.ts")));
    assert.ok(existsSync(join(wasmDir, "pkg", t, "giamngheo_wasm_bg.wasm")));
  }
});

test("core's fact labels are exactly core's values (schemas); the page keeps only its furniture", async () => {
  const { runInNewContext } = await import("node:vm");
  const sandbox = { globalThis: {} };
  runInNewContext(readFileSync(join(wasmDir, "www", "labels.js"), "utf8"), sandbox);
  const labels = sandbox.globalThis.GIAMNGHEO_LABELS;
  assert.deepEqual(Object.keys(labels), ["ui"], "labels.js holds no option names: they are core's");
  for (const [k, l] of Object.entries(labels.ui)) assert.ok(l.vi && l.en, k);
  const values = (schema, def) => {
    const d = JSON.parse(readFileSync(join(repo, "schemas", `${schema}.schema.json`), "utf8")).$defs[def];
    // The canonical values: an enum, or the consts and enums of oneOf / anyOf (Area also takes
    // other spellings through a pattern, which the form need not offer).
    return d.enum ?? (d.oneOf ?? d.anyOf).flatMap((x) => ("const" in x ? [x.const] : x.enum ?? []));
  };
  const pairs = {
    area: ["classify-request", "Area"], education: ["classify-request", "EducationLevel"],
    employment: ["classify-request", "EmploymentStatus"], water_source: ["classify-request", "WaterSource"],
    toilet: ["classify-request", "ToiletType"], school_level: ["eligibility-request", "SchoolLevel"],
    confidence: ["report", "Confidence"],
  };
  const core = gn.factLabels();
  assert.ok(core.ok);
  assert.deepEqual(core.value.categories.map((c) => c.id), Object.keys(pairs));
  assert.deepEqual(gn.call("fact_labels", {}), core, "the same through core's JSON door");
  for (const [group, [schema, def]] of Object.entries(pairs)) {
    const category = core.value.categories.find((c) => c.id === group);
    assert.deepEqual(category.values.map((v) => v.value).sort(), [...values(schema, def)].sort(), group);
    for (const v of category.values) assert.ok(v.name.vi && v.name.en, `${group}.${v.value}`);
  }
  const water = core.value.categories.find((c) => c.id === "water_source").values;
  assert.deepEqual(water[0], { value: "piped", name: { vi: "Nước máy", en: "Piped water" } });
  const one = gn.call("fact_labels", { category: "toilet" });
  assert.deepEqual(one.value.categories.map((c) => c.id), ["toilet"]);
  assert.deepEqual(gn.call("fact_labels", { category: "pets" }).errors.map((e) => [e.code, e.path]), [["value_unknown", "/category"]]);
});

test("formatNumber: core's Vietnamese and English notation of a decimal", () => {
  assert.equal(gn.formatNumber("1300000.5", "vi"), "1.300.000,5");
  assert.equal(gn.formatNumber("1300000.5", "en"), "1,300,000.5");
  assert.equal(gn.formatNumber("1529000000000", "vi"), "1.529.000.000.000");
  assert.equal(gn.formatNumber("-1000", "en"), "-1,000");
  assert.throws(() => gn.formatNumber("1.300.000", "vi"), (e) => e instanceof TypeError && e.code === "argument_invalid");
  assert.throws(() => gn.formatNumber(5, "vi"), (e) => e instanceof TypeError && e.code === "argument_invalid");
});

test("classifyBrief answers core's Brief (schemas/brief.schema.json), the class part of classify", () => {
  const req = qd59("850000.5", ["health_insurance", "sanitation"]);
  const brief = gn.classifyBrief(req);
  const full = gn.classify(req);
  assert.ok(brief.ok && full.ok);
  for (const k of ["class", "class_name", "deprivation_count", "deprived", "income_per_capita_monthly"]) {
    assert.deepEqual(brief.value[k], full.value[k], k);
  }
  assert.equal(brief.value.standard, full.value.standard.id);
  assert.deepEqual(brief.value.selection, { by: full.value.selection.by });
  assert.deepEqual(gn.call("classify_brief", req), brief, "the same through core's JSON door");
  const schema = JSON.parse(readFileSync(join(repo, "schemas", "brief.schema.json"), "utf8"));
  assert.deepEqual(Object.keys(schema.properties).sort(), [
    "class", "class_name", "deprivation_count", "deprived", "income_per_capita_monthly", "selection", "standard",
  ]);
});

test("funding: a plan that adds up, and a split that sums to the đồng (amounts as strings)", () => {
  const plan = JSON.parse(readFileSync(join(repo, "core", "data", "funding", "plan-cao-bang-449-2017.json"), "utf8"));
  const check = gn.checkPlan(plan);
  assert.ok(check.ok, JSON.stringify(check.errors));
  assert.equal(check.value.adds_up, true);
  // By embedded id: the same answer; an unknown id is core's typed error listing the ids.
  assert.deepEqual(gn.checkPlan({ plan_id: "cao-bang-449-2017" }), check);
  assert.equal(check.value.sums[0].actual, "6401252000000");
  const unknown = gn.checkPlan({ plan_id: "no-such-plan" });
  assert.deepEqual(unknown.errors.map((e) => [e.code, e.path]), [["plan_unknown", "/plan_id"]]);
  assert.ok(["cao-bang-449-2017", "qd1722-2016"].every((id) => unknown.errors[0].message.en.includes(id)));
  const pool = "1529000000000";
  const split = gn.allocate({
    pool, coefficient_set: "illustrative-points-2016", unit_set: "cao-bang-districts-2017", rounding_unit: "1000000",
  });
  assert.ok(split.ok, JSON.stringify(split.errors));
  const amounts = split.value.units.map((u) => u.amount);
  assert.ok(amounts.length > 0 && amounts.every((a) => typeof a === "string"));
  assert.equal(amounts.reduce((s, a) => s + BigInt(a), 0n), BigInt(pool));
  // The allocation's table, laid out by core: one row per unit and the total, cells with their
  // exact value and their Vietnamese text.
  const table = split.value.table;
  assert.equal(table.id, "allocation");
  assert.equal(table.rows.length, split.value.units.length + 1);
  const col = table.columns.findIndex((c) => c.key === "allocated");
  split.value.units.forEach((u, i) => {
    assert.equal(table.rows[i].key, u.id);
    assert.equal(table.rows[i].cells[col].value, u.amount);
    assert.equal(table.rows[i].cells[col].text, gn.formatNumber(u.amount, "vi"));
  });
  const total = table.rows.at(-1);
  assert.deepEqual([total.key, total.total, total.cells[col].text], ["total", true, "1.529.000.000.000"]);
  assert.ok(table.warning.vi.includes("MINH HỌA") && table.warning.en.includes("ILLUSTRATIVE"));
  assert.deepEqual(gn.call("allocate", { pool: "-1", coefficient_set: "x", unit_set: "y" }).ok, false);
  const ratio = gn.counterpartRatio({ year: 2018 });
  assert.ok(ratio.ok === true || ratio.errors.every((e) => e.code && e.message.vi));
});
