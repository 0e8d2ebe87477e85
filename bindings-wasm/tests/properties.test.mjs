// Property tests (fast-check) of the whole JS API: random JSON and JS values through every exported
// function, and properties with meaning over well-formed classification requests.
//
// The contract (bindings-wasm/src/lib.rs): a function answers `{ ok: true, value }` or
// `{ ok: false, errors }`, each error `{ code, path, message: { vi, en } }` with `path` a JSON
// pointer or ""; the only exception is misuse, a `TypeError` with `code === "argument_invalid"`
// (an argument of the wrong JS type, or an object JSON.stringify cannot write). Never any other
// exception, never a wasm trap, and the module still answers correctly afterwards.
//
// Deterministic: every property runs with a fixed seed (FC_SEED overrides it to explore; a failure
// prints the seed and path to replay it). FC_RUNS scales the number of runs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { gn, qd59, repo } from "./helpers.mjs";

const SEED = Number(process.env.FC_SEED ?? 20261126);
const SCALE = Number(process.env.FC_RUNS ?? 1);
/** fc.assert, with the failing input and the property's own error in the message node prints. */
function check(property, params) {
  const out = fc.check(property, params);
  if (out.failed) {
    const cause = out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance);
    assert.fail(`property failed (seed ${out.seed}, path "${out.counterexamplePath}", replay with FC_SEED=${out.seed})\n` +
      `counterexample: ${show(out.counterexample)}\n${cause}`);
  }
}
const opts = (numRuns) => ({ seed: SEED, numRuns: Math.max(1, Math.round(numRuns * SCALE)), endOnFailure: false });

// ---------------------------------------------------------------------------------------------
// The contract
// ---------------------------------------------------------------------------------------------

const POINTER = /^(\/([^~/]|~[01])*)*$/;

function show(v) {
  try {
    const s = JSON.stringify(v, (_, x) => (typeof x === "bigint" ? `${x}n` : x));
    return s === undefined ? String(v) : s.length > 400 ? `${s.slice(0, 400)}…` : s;
  } catch {
    return String(v);
  }
}

const escape = (key) => key.replace(/~/g, "~0").replace(/\//g, "~1");

/** `r` is a tagged result whose errors are all well-formed; returns it. */
function assertTagged(r, what) {
  assert.ok(r !== null && typeof r === "object", `${what}: not an object: ${show(r)}`);
  if (r.ok === true) {
    assert.ok("value" in r, `${what}: ok without value`);
    return r;
  }
  assert.equal(r.ok, false, `${what}: no ok tag: ${show(r)}`);
  assert.ok(Array.isArray(r.errors) && r.errors.length > 0, `${what}: no errors: ${show(r)}`);
  for (const e of r.errors) {
    assert.equal(typeof e.code, "string", `${what}: code: ${show(e)}`);
    assert.ok(e.code.length > 0, `${what}: empty code: ${show(e)}`);
    assert.equal(typeof e.path, "string", `${what}: path: ${show(e)}`);
    assert.match(e.path, POINTER, `${what}: path is not a JSON pointer: ${show(e)}`);
    assert.ok(e.message && typeof e.message === "object", `${what}: message: ${show(e)}`);
    for (const lang of ["vi", "en"]) {
      assert.ok(typeof e.message[lang] === "string" && e.message[lang].length > 0, `${what}: message.${lang}: ${show(e)}`);
    }
  }
  return r;
}

/**
 * Calls `f()`: a tagged result, or the documented misuse TypeError (only when `misuseAllowed`).
 * Anything else (another exception, a wasm RuntimeError) fails the property.
 */
function answers(f, what, misuseAllowed = true) {
  let r;
  try {
    r = f();
  } catch (e) {
    if (misuseAllowed && e instanceof TypeError && e.code === "argument_invalid") return undefined;
    throw new Error(`${what} threw ${e?.constructor?.name}: ${e?.message} (code ${e?.code})`);
  }
  return assertTagged(r, what);
}

/** The module still answers a known-good request correctly. */
function stillHealthy() {
  const r = gn.classify(qd59("650000"));
  assert.equal(r.ok, true, show(r));
  assert.equal(r.value.class, "poor");
  assert.equal(gn.classifyBrief(qd59("850000", ["sanitation", "water_source"])).value.class, "near_poor");
}

// ---------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------

const FUNCTIONS = gn.functions().map((f) => f.name);
const KEYS = [
  "date", "area", "income", "indicators", "facts", "scores", "standard", "monthly_per_capita", "annual_household",
  "household_size", "members", "age", "birth_year", "birth_date", "household", "person", "place", "program",
  "class", "district", "province", "pool", "units", "unit_set", "coefficients", "coefficient_set", "rounding_unit",
  "id", "values", "status", "plan", "levels", "rules", "total", "health_access", "nutrition", "employment",
  "/", "~", "~1", "a/b", "", "__proto__", "constructor", "toJSON",
];

const hostileString = fc.oneof(
  fc.constantFrom(
    "", "-", "0", "-0", "+1", "1e400", "-1e-400", "1E3", "0x10", "99999999999999999999999999999999999999",
    "0.00000000000000000000000000001", "79228162514264337593543950336", "NaN", "Infinity", "-Infinity",
    "650.000", "650,000", " 650000 ", "６５００００", "٦٥٠٠٠٠", "2018-06-30", "2018-02-29", "2018-13-01",
    "9999-12-31", "0000-01-01", "-2018-01-01", "2018-6-30", "rural", "urban", "RURAL", "poor", "qd59-2015",
    "nd07-2021", "qd09-2011", "Bảo Lâm", "\u0000", "\ud800", "\udfff", "\ufeff", "🙂", "/income", "~1~0", "null",
  ),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.integer({ min: 1, max: 20000 }).map((n) => "9".repeat(n)),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
  fc.tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.nat({ max: 10 ** 9 })).map(([a, b]) => `${a}.${b}`),
);

const hostileNumber = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.1, 0.5, 3.5, 255, 256, 65535, 65536, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 2 ** 64, 1e21, 1e308, -1e308, 5e-324, Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity),
  fc.integer(),
  fc.double(),
  fc.maxSafeInteger(),
);

/** A JSON-ish value with the library's keys, wrong types everywhere, and some depth. */
const { hostile } = fc.letrec((tie) => ({
  hostile: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    hostileNumber,
    hostileString,
    fc.array(tie("hostile"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 })), tie("hostile"), { maxKeys: 5 }),
  ),
}));

/** Wraps a value in `depth` levels of objects or arrays (deep nesting, up to far beyond any limit). */
const deep = fc
  .tuple(fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 300, max: 20000 })), fc.constantFrom(...KEYS), fc.boolean(), hostile)
  .map(([depth, key, arrays, leaf]) => {
    let v = leaf;
    for (let i = 0; i < depth; i++) v = arrays && i % 2 ? [v] : { [key]: v };
    return Array.isArray(v) ? { facts: v } : v;
  });

/** Any JS value fast-check knows (Maps, Sets, typed arrays, bigints, sparse arrays, boxed values...). */
const anyJs = fc.anything({
  maxDepth: 4,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});

// Seeds: every object request of the conformance cases and a parameter file, to mutate.
const seeds = [];
for (const f of readdirSync(join(repo, "tests", "conformance")).filter((f) => f.endsWith(".json"))) {
  for (const c of JSON.parse(readFileSync(join(repo, "tests", "conformance", f), "utf8")).cases) {
    if (c.request && typeof c.request === "object" && !Array.isArray(c.request)) seeds.push(c.request);
  }
}
const standardFile = JSON.parse(readFileSync(join(repo, "tests", "standards", "dong-nai-2022.json"), "utf8"));

/** Every path (array of keys) into `v`. */
function paths(v, path = [], out = []) {
  out.push(path);
  if (v && typeof v === "object") for (const k of Object.keys(v)) paths(v[k], [...path, k], out);
  return out;
}

/** A conformance request (or `base`) with one member replaced, removed or added. */
function mutated(base) {
  const b = base ? fc.constant(base) : fc.constantFrom(...seeds);
  return b.chain((req) => {
    const ps = paths(req).filter((p) => p.length > 0);
    return fc.tuple(fc.constantFrom(...ps), fc.nat({ max: 9 }), hostile, fc.constantFrom(...KEYS)).map(([p, how, v, newKey]) => {
      const copy = structuredClone(req);
      const parent = p.slice(0, -1).reduce((o, k) => o[k], copy);
      const key = p[p.length - 1];
      if (how < 6) parent[key] = v;
      else if (how < 8 && !Array.isArray(parent)) delete parent[key];
      else if (!Array.isArray(parent)) parent[newKey] = v;
      else parent.push(v);
      return copy;
    });
  });
}

/** A request as the API takes it: the value itself, or its JSON text (30%). */
const asArg = (arb) =>
  fc.tuple(arb, fc.nat({ max: 9 })).map(([v, n]) => {
    if (n >= 3) return v;
    try {
      return JSON.stringify(v) ?? "null";
    } catch {
      return v;
    }
  });

/** Every function that takes a request, by name. */
const REQUEST_FUNCTIONS = {
  classify: gn.classify,
  classifyBrief: gn.classifyBrief,
  validate: gn.validate,
  eligibility: gn.eligibility,
  eligibilityOne: gn.eligibilityOne,
  whyNot: gn.whyNot,
  checkPlan: gn.checkPlan,
  allocate: gn.allocate,
  counterpartRatio: gn.counterpartRatio,
  loadStandard: gn.loadStandard,
  ...Object.fromEntries(FUNCTIONS.map((n) => [`call(${n})`, (a) => gn.call(n, a)])),
};

/** Every request function on `arg`; a LocalStandard that loads is also exercised and freed. */
function throughEverything(arg) {
  for (const [name, f] of Object.entries(REQUEST_FUNCTIONS)) {
    const r = answers(() => f(arg), name);
    if (name === "loadStandard" && r?.ok) {
      const s = r.value;
      assert.equal(typeof s.id, "string");
      assertTagged(s.classify(qd59("650000")), "LocalStandard.classify");
      s.free();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Nothing breaks it
// ---------------------------------------------------------------------------------------------

test("fc.jsonValue and fc.json text through every function", () => {
  check(fc.property(asArg(fc.jsonValue({ maxDepth: 5 })), (arg) => throughEverything(arg)), opts(300));
  check(fc.property(fc.json({ maxDepth: 5 }), (text) => throughEverything(text)), opts(200));
  stillHealthy();
});

test("hostile objects (library keys, strings for numbers, huge/negative/fractional numbers, unicode)", () => {
  check(fc.property(asArg(hostile), (arg) => throughEverything(arg)), opts(400));
  stillHealthy();
});

test("mutated conformance requests and parameter files", () => {
  check(fc.property(asArg(mutated()), (arg) => throughEverything(arg)), opts(500));
  check(
    fc.property(asArg(mutated(standardFile)), (arg) => {
      const r = answers(() => gn.loadStandard(arg), "loadStandard");
      if (r?.ok) {
        assertTagged(r.value.classify(qd59("650000")), "LocalStandard.classify");
        r.value.free();
      }
    }),
    opts(300),
  );
  stillHealthy();
});

test("deep nesting: an answer, or the misuse TypeError when JSON.stringify cannot write it", () => {
  check(fc.property(asArg(deep), fc.constantFrom(...Object.keys(REQUEST_FUNCTIONS)), (arg, name) => {
    answers(() => REQUEST_FUNCTIONS[name](arg), name);
  }), opts(200));
  stillHealthy();
});

test("any JS value (Maps, bigints, typed arrays, null prototypes...) as every argument", () => {
  check(
    fc.property(anyJs, anyJs, (a, b) => {
      for (const [name, f] of Object.entries(REQUEST_FUNCTIONS)) answers(() => f(a), name);
      answers(() => gn.standardInForce(a), "standardInForce");
      answers(() => gn.standardById(a), "standardById");
      answers(() => gn.call(a, b), "call");
      // A non-string is misuse; a string argument is always answered.
      if (typeof a === "string") {
        answers(() => gn.standardInForce(a), "standardInForce(string)", false);
        answers(() => gn.standardById(a), "standardById(string)", false);
        answers(() => gn.call(a, {}), "call(string, {})", false);
      }
    }),
    opts(300),
  );
  stillHealthy();
});

test("plain objects and strings are never misuse", () => {
  // The misuse TypeError is for wrong JS types only: a JSON-able plain object or any string is data.
  check(
    fc.property(fc.oneof(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }), hostileString), (arg) => {
      for (const [name, f] of Object.entries(REQUEST_FUNCTIONS)) answers(() => f(arg), name, false);
      answers(() => gn.standardInForce(arg), "standardInForce", typeof arg !== "string");
      answers(() => gn.standardById(arg), "standardById", typeof arg !== "string");
    }),
    opts(300),
  );
  stillHealthy();
});

test("dates and ids: every string is answered", () => {
  const dateish = fc.oneof(
    fc.date({ min: new Date("2010-06-01"), max: new Date("2027-06-30"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    fc.date({ min: new Date("0001-01-01"), max: new Date("9999-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    fc.tuple(fc.integer({ min: -99999, max: 99999 }), fc.integer({ min: -1, max: 14 }), fc.integer({ min: -1, max: 33 })).map(
      ([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`,
    ),
    hostileString,
  );
  check(
    fc.property(dateish, (s) => {
      const r = answers(() => gn.standardInForce(s), "standardInForce", false);
      if (/^\d{4}-\d\d-\d\d$/.test(s) && s >= "2011-01-01" && s <= "2026-12-31" && !Number.isNaN(Date.parse(s)) &&
        new Date(s).toISOString().slice(0, 10) === s) {
        assert.equal(r.ok, true, `${s}: ${show(r)}`);
        const from = r.value.valid_from?.value ?? r.value.valid_from;
        const to = r.value.valid_to?.value ?? r.value.valid_to;
        assert.ok(from <= s && (to == null || s <= to), `${s}: ${r.value.id} ${from}..${to}`);
      }
      answers(() => gn.standardById(s), "standardById", false);
    }),
    opts(400),
  );
  stillHealthy();
});

// ---------------------------------------------------------------------------------------------
// Properties with meaning: well-formed classification requests
// ---------------------------------------------------------------------------------------------

const CLASSES = ["poor", "near_poor", "average_living", "other"];
const rank = (c) => CLASSES.indexOf(c);

const INDICATORS = new Map(
  gn.standards().value.filter((s) => s.indicators).map((s) => [s.id, s.indicators.map((i) => i.id)]),
);
/**
 * The fields that pick the standard for `date`: `choice` 0 gives the date alone, 1 the list year
 * of the date's own year, 2 the next year's list (a review at the end of the year). Where core
 * refuses the choice (a date in a review window at a seam needs its list year; the next year's
 * list only from that window on), the date's own year, which always fits. Core decides which.
 */
function selectionFor(date, choice) {
  const y = Number(date.slice(0, 4));
  for (const pick of [[undefined, y, y + 1][choice], y]) {
    const fields = pick === undefined ? { date } : { date, list_year: pick };
    const s = gn.selectStandard(fields);
    if (s.ok) return { fields, standard: s.value.standard.id };
  }
  assert.fail(`${date}: no list year fits`);
}

/** Income lines of the embedded standards (monthly per capita, any area), to test near them. */
const LINES = [];
(function collect(v) {
  if (typeof v === "string" && /^\d{5,8}(\.\d+)?$/.test(v)) LINES.push(BigInt(v.split(".")[0]));
  else if (v && typeof v === "object") for (const x of Object.values(v)) collect(x);
})(gn.standards().value.map((s) => s.income_lines));

/** Money in hundredths of a đồng (a bigint), written as a decimal string. */
const money = fc.oneof(
  fc.bigInt({ min: 0n, max: 1_000_000_000n }),
  fc.bigInt({ min: 0n, max: 10_000_000_000n }),
  fc.tuple(fc.constantFrom(...(LINES.length ? LINES : [1_000_000n])), fc.bigInt({ min: -300n, max: 300n })).map(([l, d]) =>
    l * 100n + d < 0n ? 0n : l * 100n + d,
  ),
  fc.bigInt({ min: 0n, max: 10n ** 22n }),
);
const decimal = (cents, style) => {
  const whole = cents / 100n;
  const frac = cents % 100n;
  if (style === 0 && frac === 0n) return String(whole);
  if (style === 1) return `${whole}.${String(frac).padStart(2, "0")}`;
  return frac === 0n ? String(whole) : `${whole}.${String(frac).padStart(2, "0")}`.replace(/0$/, "");
};

const date2016to2026 = fc
  .date({ min: new Date("2016-01-01T00:00:00Z"), max: new Date("2026-12-31T23:59:59Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** A well-formed request: area, date, income (a decimal string) and every indicator answered. */
const wellFormed = fc
  .record({
    area: fc.constantFrom("rural", "urban"),
    date: date2016to2026,
    listYear: fc.nat({ max: 2 }),
    answers: fc.array(fc.boolean({ trueFirst: false }), { minLength: 16, maxLength: 16 }),
    sparse: fc.nat({ max: 3 }),
    cents: money,
    style: fc.nat({ max: 2 }),
  })
  .map(({ area, date, listYear, answers: a, sparse, cents, style }) => {
    const { fields, standard } = selectionFor(date, listYear);
    return {
      cents,
      style,
      request: {
        ...fields,
        area,
        income: { monthly_per_capita: decimal(cents, style) },
        // `sparse` biases toward few deprivations, where the class depends on income most.
        indicators: Object.fromEntries(INDICATORS.get(standard).map((id, i) => [id, a[i] && (sparse === 0 || (i + sparse) % 4 === 0)])),
      },
    };
  });

const withIncome = (request, cents, style = 0) => ({ ...request, income: { monthly_per_capita: decimal(cents, style) } });

test("a well-formed request is classified into one of the four classes, the same by every entry", () => {
  check(
    fc.property(wellFormed, fc.boolean(), ({ request }, asText) => {
      const arg = asText ? JSON.stringify(request) : request;
      const full = answers(() => gn.classify(arg), "classify", false);
      assert.equal(full.ok, true, `${show(request)} -> ${show(full)}`);
      assert.ok(CLASSES.includes(full.value.class), `class ${full.value.class}`);
      assert.equal(full.value.date, request.date);
      assert.equal(full.value.area, request.area);

      const brief = answers(() => gn.classifyBrief(arg), "classifyBrief", false);
      assert.equal(brief.ok, true, `${show(request)} -> ${show(brief)}`);
      assert.equal(brief.value.class, full.value.class, show(request));
      assert.equal(brief.value.standard, full.value.standard.id);
      assert.equal(brief.value.deprivation_count, full.value.deprivation_count);
      assert.deepEqual(brief.value.deprived, full.value.deprived);
      assert.equal(brief.value.income_per_capita_monthly, full.value.income_per_capita_monthly);
      assert.deepEqual(brief.value.class_name, full.value.class_name);
      const { by, list_year } = full.value.selection;
      assert.deepEqual(brief.value.selection, list_year === undefined ? { by } : { by, list_year });
      assert.equal(full.value.selection.list_year, request.list_year);
      assert.equal(full.value.selection.by, request.list_year === undefined ? "date" : "list_year");
      const deprived = Object.entries(request.indicators).filter(([, v]) => v).map(([k]) => k);
      assert.deepEqual([...full.value.deprived].sort(), deprived.sort());

      assert.deepEqual(answers(() => gn.validate(arg), "validate", false), { ok: true, value: null });
      assert.equal(answers(() => gn.call("classify", arg), "call(classify)", false).value.class, full.value.class);
    }),
    opts(400),
  );
  stillHealthy();
});

test("more income never gives a poorer class (same date, area and answers)", () => {
  check(
    fc.property(wellFormed, money, fc.nat({ max: 2 }), ({ request, cents }, other, style) => {
      const [lo, hi] = cents <= other ? [cents, other] : [other, cents];
      const a = gn.classifyBrief(withIncome(request, lo, style));
      const b = gn.classifyBrief(withIncome(request, hi, style));
      assert.ok(a.ok && b.ok, `${show(a)} ${show(b)}`);
      assert.ok(
        rank(b.value.class) >= rank(a.value.class),
        `income ${decimal(lo, style)} -> ${a.value.class} but ${decimal(hi, style)} -> ${b.value.class}: ${show(request)}`,
      );
    }),
    opts(500),
  );
  stillHealthy();
});

test("the written form of an income does not change the class (650000 = 650000.00 = 650000.0)", () => {
  check(
    fc.property(wellFormed, ({ request, cents }) => {
      const classes = [0, 1, 2].map((s) => gn.classifyBrief(withIncome(request, cents, s)));
      for (const r of classes) assert.equal(r.ok, true, show(r));
      assert.equal(classes[1].value.class, classes[0].value.class, show(request));
      assert.equal(classes[2].value.class, classes[0].value.class, show(request));
    }),
    opts(200),
  );
  stillHealthy();
});

test("validate, classifyBrief and classify agree on what is valid (mutated well-formed requests)", () => {
  check(
    fc.property(wellFormed.chain(({ request }) => mutated(request)), (req) => {
      const v = answers(() => gn.validate(req), "validate", false);
      const b = answers(() => gn.classifyBrief(req), "classifyBrief", false);
      const c = answers(() => gn.classify(req), "classify", false);
      assert.equal(b.ok, v.ok, `${show(req)}: validate ${show(v)} brief ${show(b)}`);
      assert.equal(c.ok, v.ok, `${show(req)}: validate ${show(v)} classify ${show(c)}`);
      if (c.ok) assert.equal(b.value.class, c.value.class);
      else assert.deepEqual(b.errors.map((e) => e.code).sort(), c.errors.map((e) => e.code).sort());
    }),
    opts(400),
  );
  stillHealthy();
});

// ---------------------------------------------------------------------------------------------
// Found by these properties, fixed in core: unknown members' paths with ~, / or ` in the name
// ---------------------------------------------------------------------------------------------

/** The member a JSON pointer names in `doc`, or undefined. */
function resolve(doc, pointer) {
  if (pointer === "") return doc;
  let v = doc;
  for (const seg of pointer.slice(1).split("/")) {
    const k = seg.replace(/~1/g, "/").replace(/~0/g, "~");
    if (v === null || typeof v !== "object" || !Object.hasOwn(v, k)) return undefined;
    v = v[k];
  }
  return v;
}

test("an unknown member's error path is the JSON pointer to that member", () => {
  // Deterministic reproductions first: each must answer field_unknown at exactly this pointer.
  const cases = [
    [{ "~": 1 }, "/~0"], // was "/~0/~"
    [{ "a/b": 1 }, "/a~1b"], // was "/a~1b/a/b"
    [{ "a`b": 1 }, "/a`b"], // was "/a`b/a" (and the message named field 'a')
    [{ income: { "m`x": 1 } }, "/income/m`x"], // was "/income/m`x/m"
  ];
  const wrong = [];
  for (const [req, want] of cases) {
    const got = gn.classify(req).errors?.map((e) => e.path);
    if (!got || got.length !== 1 || got[0] !== want) wrong.push(`${show(req)}: want ${want}, got ${show(got)}`);
  }
  // Then the property: an unknown key at the top level or inside `income`.
  const key = fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom("a", "~", "/", "`", "0", "1", "é") })
    .filter((k) => !["date", "list_year", "standard", "area", "income", "indicators", "facts", "scores"].includes(k));
  const r = fc.check(
    fc.property(key, fc.boolean(), (k, nested) => {
      const req = nested ? { income: { [k]: 1 } } : { [k]: 1 };
      const errors = gn.classify(req).errors ?? [];
      const unknown = errors.filter((e) => e.code === "field_unknown");
      return unknown.length === 1 && resolve(req, unknown[0].path) === 1;
    }),
    opts(200),
  );
  if (r.failed) wrong.push(`property: ${show(r.counterexample)}`);
  assert.deepEqual(wrong, []);
});

test("the module is still healthy after every property", () => {
  stillHealthy();
});
