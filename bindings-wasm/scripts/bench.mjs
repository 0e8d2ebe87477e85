#!/usr/bin/env node
// The budgets of issue 7, measured on the built package (`make bench-wasm`):
//   1. the .wasm at most 400 KB gzipped (`gzip -9`, as a static server would precompress it; KB =
//      1024 bytes, figures also in bytes; node's own zlib at level 9 is shown too, it packs ~1% worse);
//   2. one validate-and-classify call from JS under 20 µs: the median of 10,000 calls in node of
//      `classifyBrief` (validates, classifies, answers the class and the deprivations).
// Other entry points are timed for information. Exit status 1 when a budget is missed.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, "..", "pkg");
const gn = createRequire(import.meta.url)(join(pkg, "node", "giamngheo_wasm.js"));

const SIZE_BUDGET = 400 * 1024;
const TIME_BUDGET_US = 20;
const CALLS = 10_000;

const wasmFile = join(pkg, "web", "giamngheo_wasm_bg.wasm");
const wasm = readFileSync(wasmFile);
const zlib9 = gzipSync(wasm, { level: 9 }).length;
const gnu = spawnSync("gzip", ["-9", "-c", wasmFile], { maxBuffer: 64 << 20 });
const gz = gnu.status === 0 ? gnu.stdout.length : zlib9;

const ids = [
  "health_access", "health_insurance", "adult_education", "child_schooling", "housing_quality",
  "housing_area", "water_source", "sanitation", "telecom_use", "information_assets",
];
const request = {
  date: "2018-06-30",
  area: "rural",
  income: { monthly_per_capita: "850000" },
  indicators: Object.fromEntries(ids.map((id) => [id, id === "health_insurance" || id === "sanitation"])),
};
const text = JSON.stringify(request);
const facts = {
  date: "2018-06-30", area: "rural", income: { monthly_per_capita: "850000" },
  facts: {
    members: [
      { age: 40, education: "lower_secondary", in_school: false, health_insurance: false },
      { age: 10, education: "primary", in_school: true, health_insurance: true },
    ],
    housing: { wall_durable: true, column_durable: true, roof_durable: false, floor_area_m2: "30" },
    owns: { tv: true, radio: false, computer: false, telephone: true, smartphone: false },
    water_source: "piped", toilet: "simple_pit", ill_member_untreated: false, uses_telephone: true,
    uses_internet: false, hears_loudspeaker: true,
  },
};

function median(label, f, n = CALLS) {
  const check = f();
  if (!check.ok) throw new Error(`${label}: ${JSON.stringify(check.errors)}`);
  for (let i = 0; i < 2000; i++) f(); // warm up
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    f();
    times[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  times.sort();
  const m = times[n >> 1];
  const p90 = times[Math.floor(n * 0.9)];
  console.log(`  ${label.padEnd(52)} median ${m.toFixed(2).padStart(7)} µs   p90 ${p90.toFixed(2).padStart(7)} µs`);
  return m;
}

console.log(`giamngheo ${gn.version()} (wasm), node ${process.version}`);
console.log(
  `.wasm: ${wasm.length} bytes raw, ${gz} bytes with ${gnu.status === 0 ? "gzip -9" : "zlib level 9"} ` +
    `(${(gz / 1024).toFixed(1)} KB; budget ${SIZE_BUDGET / 1024} KB); node zlib level 9: ${zlib9} bytes`,
);
console.log(`calls (median of ${CALLS}):`);
const brief = median("classifyBrief(object)  validate + classify [budget]", () => gn.classifyBrief(request));
median("classifyBrief(JSON text)", () => gn.classifyBrief(text));
median("validate(object)", () => gn.validate(request));
median("classify(object)  full report with reasons", () => gn.classify(request));
median("classify(facts)  full report with evidence", () => gn.classify(facts));
median("eligibility(household + place), whole catalog", () =>
  gn.eligibility({ date: "2018-06-30", household: { class: "poor" }, place: { province: "Cao Bằng", district: "Bảo Lâm" } }), 1000);

let failed = false;
if (gz > SIZE_BUDGET) {
  console.log(`OVER BUDGET: .wasm is ${gz} bytes gzipped, budget ${SIZE_BUDGET}`);
  failed = true;
}
if (brief > TIME_BUDGET_US) {
  console.log(`OVER BUDGET: validate-and-classify median ${brief.toFixed(2)} µs, budget ${TIME_BUDGET_US} µs`);
  failed = true;
}
console.log(failed ? "budgets: FAILED" : "budgets: met");
process.exit(failed ? 1 : 0);
