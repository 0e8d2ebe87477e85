// Nothing panics on any input: a panic in the browser build (panic = "abort") would kill the
// module. Thousands of random and mutated requests go to every function; each must come back as a
// tagged result, and the module must still answer correctly afterwards.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gn, qd59, repo } from "./helpers.mjs";

// A small deterministic PRNG (mulberry32), so that a failure can be replayed.
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRINGS = [
  "", "-", "0", "-0", "1e400", "-1e-400", "99999999999999999999999999999999", "0.0000000000000000000000000001",
  "79228162514264337593543950336", "NaN", "Infinity", "650.000", "650,000", " 650000 ", "２０１８", "2018-06-30",
  "2018-02-29", "9999-12-31", "0000-01-01", "rural", "urban", "poor", "Bảo Lâm", "qd59-2015", "\u0000", "\ud800",
  "🙂".repeat(50), "x".repeat(5000), "/income", "~1~0",
];
const KEYS = [
  "date", "list_year", "area", "income", "indicators", "facts", "scores", "standard", "monthly_per_capita", "annual_household",
  "household_size", "members", "age", "birth_year", "birth_date", "household", "person", "place", "program",
  "class", "classify", "district", "province", "pool", "units", "rounding_unit", "id", "sources", "x",
];

function randomValue(r, depth = 0) {
  const k = Math.floor(r() * (depth > 4 ? 6 : 9));
  switch (k) {
    case 0: return null;
    case 1: return r() < 0.5;
    case 2: return [0, -1, 1, 255, 256, 65535, 65536, -2147483649, 2 ** 53, 1e308, -1e-308, 0.1, 3.5][Math.floor(r() * 13)];
    case 3: return STRINGS[Math.floor(r() * STRINGS.length)];
    case 4: return Math.floor(r() * 1e9) - 5e8;
    case 5: return String(Math.floor(r() * 2e6) - 1e6);
    case 6: return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
    default: {
      const o = {};
      for (let i = Math.floor(r() * 5); i > 0; i--) o[KEYS[Math.floor(r() * KEYS.length)]] = randomValue(r, depth + 1);
      return o;
    }
  }
}

/** A copy of `value` with one randomly chosen leaf or member replaced, added or removed. */
function mutate(value, r) {
  const copy = structuredClone(value);
  const paths = [];
  (function walk(v, path) {
    paths.push(path);
    if (v && typeof v === "object") for (const k of Object.keys(v)) walk(v[k], [...path, k]);
  })(copy, []);
  const path = paths[Math.floor(r() * paths.length)];
  if (path.length === 0) return randomValue(r);
  const parent = path.slice(0, -1).reduce((v, k) => v[k], copy);
  const key = path[path.length - 1];
  const what = r();
  if (what < 0.6) parent[key] = randomValue(r);
  else if (what < 0.8 && !Array.isArray(parent)) delete parent[key];
  else parent[KEYS[Math.floor(r() * KEYS.length)]] = randomValue(r);
  return copy;
}

const seeds = [];
for (const f of readdirSync(join(repo, "tests", "conformance")).filter((f) => f.endsWith(".json"))) {
  for (const c of JSON.parse(readFileSync(join(repo, "tests", "conformance", f), "utf8")).cases) {
    if (c.request && typeof c.request === "object" && !Array.isArray(c.request)) seeds.push(c.request);
  }
}
const standardFile = JSON.parse(readFileSync(join(repo, "tests", "standards", "dong-nai-2022.json"), "utf8"));
const FUNCTIONS = gn.functions().map((f) => f.name);

function mustAnswer(r, what) {
  const ok = r !== null && typeof r === "object" &&
    ((r.ok === true && "value" in r) || (r.ok === false && Array.isArray(r.errors) && r.errors.length > 0 &&
      r.errors.every((e) => typeof e.code === "string" && typeof e.path === "string" && e.message.vi && e.message.en)));
  assert.ok(ok, `${what}: ${JSON.stringify(r)?.slice(0, 300)}`);
}

/** Calls `f`; only a misuse TypeError (an argument that is not an object nor a string) may be thrown. */
function call(f, arg, what) {
  let r;
  try {
    r = f(arg);
  } catch (e) {
    if (e instanceof TypeError && e.code === "argument_invalid") return;
    throw new Error(`${what} threw ${e}: ${JSON.stringify(arg)?.slice(0, 300)}`);
  }
  mustAnswer(r, what);
  if (r.ok === false) assert.ok(r.errors.length >= 1);
}

test(`random and mutated requests to every function (${seeds.length} seed requests)`, () => {
  const r = rng(20261126);
  let calls = 0;
  for (let i = 0; i < 8000; i++) {
    const base = seeds[Math.floor(r() * seeds.length)];
    const input = r() < 0.8 ? mutate(base, r) : randomValue(r);
    const text = r() < 0.3;
    const arg = text ? JSON.stringify(input) ?? "null" : input;
    const fn = FUNCTIONS[Math.floor(r() * FUNCTIONS.length)];
    call((a) => gn.call(fn, a), arg, `call(${fn})`);
    call(gn.classify, arg, "classify");
    call(gn.classifyBrief, arg, "classifyBrief");
    calls += 3;
  }
  for (let i = 0; i < 300; i++) {
    call(gn.loadStandard, mutate(standardFile, r), "loadStandard");
    const s = STRINGS[Math.floor(r() * STRINGS.length)];
    call(gn.standardInForce, s, "standardInForce");
    call(gn.standardById, s, "standardById");
    const pick = { date: r() < 0.7 ? s : randomValue(r), list_year: randomValue(r), standard: r() < 0.3 ? s : undefined };
    call(gn.selectStandard, r() < 0.5 ? pick : mutate(pick, r), "selectStandard");
    call(gn.selectStandard, JSON.stringify(randomValue(r)) ?? "null", "selectStandard(text)");
    call(gn.standardForListYear, [0, -1, 1999, 2026, 2027, 2031, 65535, 65536, 2027.5, NaN, -Infinity, 1e308][i % 12], "standardForListYear");
    calls += 6;
  }
  console.log(`# ${calls} calls answered`);
  assert.equal(gn.classify(qd59("650000")).value.class, "poor");
});

test("malformed and hostile JSON text", () => {
  const texts = [
    "", " ", "{", "}", "{}", "[]", "null", "0", '"x"', "{\"area\":}", "{\"area\":\"rural\",}", '{"a":1}{"b":2}',
    "[".repeat(100000), "{\"facts\":".repeat(50000), `{"income":{"monthly_per_capita":"${"9".repeat(100000)}"}}`,
    `{"income":{"monthly_per_capita":1${"0".repeat(400)}}}`, `{"area":"rural","date":"${"2".repeat(1e6)}"}`,
    "\ufeff{}", "{\"area\":\"rural\"}\u0000", JSON.stringify(qd59("650000")).replace("rural", "r\\u0000ural"),
  ];
  for (const t of texts) {
    for (const fn of FUNCTIONS) call((a) => gn.call(fn, a), t, `call(${fn})`);
    call(gn.classifyBrief, t, "classifyBrief");
    call(gn.validate, t, "validate");
    call(gn.loadStandard, t, "loadStandard");
  }
  assert.equal(gn.classify(qd59("850000", ["sanitation", "water_source"])).value.class, "near_poor");
});

test("a deep JS object is a misuse only when JSON.stringify cannot write it", () => {
  let deep = {};
  for (let i = 0; i < 200; i++) deep = { facts: deep };
  call(gn.classify, deep, "classify(deep)");
  let deeper = {};
  for (let i = 0; i < 1e6; i++) deeper = { x: deeper };
  call(gn.classify, deeper, "classify(deeper)");
  assert.equal(gn.classify(qd59("650000")).value.class, "poor");
});
