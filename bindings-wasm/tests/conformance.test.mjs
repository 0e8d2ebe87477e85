// Every shared conformance case in tests/conformance/ through the wasm package, with the
// semantics of the Rust runner (core/tests/conformance.rs): same input, same answer.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gn, repo } from "./helpers.mjs";

const dir = join(repo, "tests", "conformance");
// Files of `"kind": "batch"` are tables of rows for the columnar batch (core and Python); the
// WebAssembly build has no batch path, so they are not run here.
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .filter((f) => JSON.parse(readFileSync(join(dir, f), "utf8")).kind !== "batch")
  .sort();

// The named functions of the JS API; any other name goes through the generic `call`.
const named = {
  classify: gn.classify,
  eligibility: gn.eligibility,
  eligibility_one: gn.eligibilityOne,
  why_not: gn.whyNot,
  check_plan: gn.checkPlan,
  allocate: gn.allocate,
  counterpart_ratio: gn.counterpartRatio,
};

/** A request as the JS API takes it: a plain object as is, any other JSON value as its text. */
const asArgument = (request) =>
  typeof request === "string" ? request
  : request !== null && typeof request === "object" && !Array.isArray(request) ? request
  : JSON.stringify(request);

const pointer = (value, ptr) => {
  if (ptr === "") return { found: true, value };
  let cur = value;
  for (const raw of ptr.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (cur === null || typeof cur !== "object" || !(key in cur)) return { found: false };
    cur = Array.isArray(cur) ? cur[Number(key)] : cur[key];
  }
  return { found: true, value: cur };
};

function checkErrors(result, want) {
  assert.equal(result.ok, false, `expected errors, got ${JSON.stringify(result.value)?.slice(0, 200)}`);
  assert.deepEqual(result.errors.map((e) => ({ code: e.code, path: e.path })), want);
  for (const e of result.errors) {
    assert.ok(e.message.vi && e.message.en, `error ${e.code} has an empty message`);
  }
}

function checkPointers(value, want) {
  const problems = [];
  for (const [ptr, expected] of Object.entries(want ?? {})) {
    const got = pointer(value, ptr);
    try {
      assert.ok(got.found, "nothing there");
      assert.deepEqual(got.value, expected);
    } catch {
      problems.push(`${ptr}: want ${JSON.stringify(expected)}, got ${got.found ? JSON.stringify(got.value) : "nothing"}`);
    }
  }
  assert.deepEqual(problems, []);
}

function checkReport(report, expect) {
  for (const [key, want] of Object.entries(expect)) {
    if (key === "values") checkPointers(report, want);
    else if (key === "standard") assert.equal(report.standard.id, want, "standard");
    else if (key === "reasons")
      assert.deepEqual(report.reasons.map((r) => ({ rule: r.rule, holds: r.holds })), want, "reasons");
    else if (key === "deprived") assert.deepEqual([...report.deprived].sort(), [...want].sort(), "deprived");
    // Any other key (`selection`, `class`...): the whole value, absent read as null (as in Rust).
    else assert.deepEqual(key in report ? report[key] : null, want, key);
  }
}

let total = 0;
for (const file of files) {
  const doc = JSON.parse(readFileSync(join(dir, file), "utf8"));
  test(file, async (t) => {
    for (const c of doc.cases) {
      total += 1;
      await t.test(c.name, () => {
        const fn = c.function ?? doc.function ?? "classify";
        const request = asArgument(c.request);
        const expect = c.expect;
        let result;
        if (c.standard_file) {
          const text = readFileSync(join(repo, "tests", c.standard_file), "utf8");
          const loaded = gn.loadStandard(text);
          assert.ok(loaded.ok, JSON.stringify(loaded.errors));
          try {
            result = loaded.value.classify(request);
          } finally {
            loaded.value.free();
          }
        } else {
          result = named[fn] ? named[fn](request) : gn.call(fn, request);
        }
        if (expect.errors) {
          checkErrors(result, expect.errors);
        } else {
          assert.ok(result.ok, `unexpected errors: ${JSON.stringify(result.errors)}`);
          if (fn === "classify") checkReport(result.value, expect);
          else checkPointers(result.value, expect.values);
        }
        if (fn === "classify" && !c.standard_file) {
          // The generic door, the validator and the light entry point agree with `classify`.
          assert.deepEqual(gn.call("classify", request), result);
          const v = gn.validate(request);
          assert.deepEqual(v, result.ok ? { ok: true, value: null } : result);
          const b = gn.classifyBrief(request);
          if (!result.ok) assert.deepEqual(b, result);
          else {
            const r = result.value;
            const { by, list_year } = r.selection;
            const selection = { by, ...(list_year !== undefined ? { list_year } : {}) };
            const want = {
              standard: r.standard.id, selection, class: r.class, class_name: r.class_name,
              deprivation_count: r.deprivation_count, deprived: r.deprived,
            };
            if (r.income_per_capita_monthly !== undefined) want.income_per_capita_monthly = r.income_per_capita_monthly;
            assert.deepEqual(b, { ok: true, value: want });
          }
        }
      });
    }
  });
}

test("the conformance files hold cases", () => {
  assert.ok(files.length >= 8, `${files.length} files`);
  assert.ok(total >= 300, `${total} cases`);
  console.log(`# ${total} conformance cases in ${files.length} files`);
});
