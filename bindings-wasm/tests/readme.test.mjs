// The README's JavaScript blocks, exactly as written, against the built package (pkg/):
// - in node: each block is a file in a scratch directory whose node_modules/giamngheo is pkg/, so
//   `import ... from "giamngheo"` and `require("giamngheo")` resolve through the package's own
//   `exports` (an ES-module block is a .mjs, anything else a .cjs);
// - in headless Chromium (an ES-module block): a page whose import map points "giamngheo" at
//   pkg/web/, served by a tiny static server on 127.0.0.1; the block is the page's module.
// tests/readme/snippets.py finds the blocks and their markers (`<!-- run: node -->`, skips).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { chromiumPath as executablePath, launchChromium, relativePath, repo, serveFiles, wasmDir } from "./helpers.mjs";

const pkg = join(wasmDir, "pkg");
const blocks = JSON.parse(
  execFileSync(process.env.PYTHON3 || "python3", [join(repo, "tests", "readme", "snippets.py"), "json", "--lang", "js"], { encoding: "utf8" }),
);
const isModule = (code) => /^\s*(import|export)\b/m.test(code);

let scratch;
before(() => {
  assert.ok(existsSync(join(pkg, "package.json")), "pkg/ is missing: run make wasm-build");
  scratch = mkdtempSync(join(tmpdir(), "giamngheo-readme-js-"));
  mkdirSync(join(scratch, "node_modules"));
  symlinkSync(pkg, join(scratch, "node_modules", "giamngheo"), "dir");
});
after(() => scratch && rmSync(scratch, { recursive: true, force: true }));

test("the README has JavaScript blocks, each run or skipped with a reason", () => {
  assert.ok(blocks.length > 0, "no js block in README.md");
  for (const b of blocks) {
    assert.ok(b.skip !== null || b.targets.length > 0, `${b.label}: neither run nor skipped`);
    if (b.skip !== null) console.log(`skipped ${b.label}: ${b.skip}`);
  }
});

test("node: the package's `import` and `require` give the same API, and init() is harmless", () => {
  const file = join(scratch, "package_entries.mjs");
  writeFileSync(file, `import assert from "node:assert/strict";
import { createRequire } from "node:module";
import init, * as esm from "giamngheo";
import { initSync } from "giamngheo/node";
const cjs = createRequire(import.meta.url)("giamngheo");
const names = (o) => Object.keys(o).filter((k) => !["default", "initSync"].includes(k)).sort();
assert.deepEqual(names(esm), names(cjs));
for (const k of names(cjs)) assert.equal(esm[k], cjs[k], k);
assert.equal(typeof init, "function");
assert.equal(await init(), undefined);
assert.equal(await init({ module_or_path: "ignored.wasm" }), undefined);
assert.equal(initSync({ module: new Uint8Array() }), undefined);
assert.equal(esm.classify({ date: "2018-06-30", area: "rural", income: { monthly_per_capita: "-1" } }).ok, false);
console.log("ok");
`);
  const run = spawnSync(process.execPath, [file], { cwd: scratch, encoding: "utf8", timeout: 60_000 });
  assert.equal(run.status, 0, run.stdout + run.stderr);
});

for (const b of blocks.filter((b) => b.skip === null && b.targets.includes("node"))) {
  test(`${b.label} runs in node`, () => {
    const file = join(scratch, `readme_line_${b.line}.${isModule(b.code) ? "mjs" : "cjs"}`);
    writeFileSync(file, b.code);
    const run = spawnSync(process.execPath, [file], { cwd: scratch, encoding: "utf8", timeout: 60_000 });
    assert.equal(run.status, 0, `${b.label} failed in node:\n${run.stdout}\n${run.stderr}`);
    assert.equal(run.stderr, "", `${b.label} wrote to stderr in node`);
    assert.notEqual(run.stdout.trim(), "", `${b.label} printed nothing in node`);
  });
}

// --- the browser ---------------------------------------------------------------------------------
const browserBlocks = blocks.filter((b) => b.skip === null && b.targets.includes("browser"));
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8", ".wasm": "application/wasm" };
let server;
let base;
let context;
let userDir;

async function startBrowser() {
  assert.ok(existsSync(executablePath), `${executablePath} is missing: run make setup-wasm`);
  // "/pkg/..." is the package; anything else is a file of the scratch directory.
  ({ server, base } = await serveFiles((pathname) => {
    const path = relativePath(pathname);
    return path.startsWith("pkg" + sep) ? [pkg, path.slice(4)] : [scratch, path];
  }, TYPES));
  ({ context, userDir } = await launchChromium("giamngheo-readme-chromium-"));
  context.setDefaultTimeout(30_000);
  await context.route(/^(?!http:\/\/127\.0\.0\.1).*/, (route) => route.abort());
}

after(async () => {
  await context?.close().catch(() => {});
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  if (userDir) rmSync(userDir, { recursive: true, force: true });
});

for (const b of browserBlocks) {
  test(`${b.label} runs in headless Chromium`, async () => {
    if (!context) await startBrowser();
    const name = `readme_line_${b.line}`;
    writeFileSync(join(scratch, `${name}.mjs`), b.code);
    writeFileSync(join(scratch, `${name}.html`), `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="importmap">{ "imports": { "giamngheo": "/pkg/web/giamngheo_wasm.js" } }</script>
<script type="module">
import("./${name}.mjs").then(() => { document.body.dataset.done = "ok"; },
  (e) => { document.body.dataset.error = String(e && e.stack || e); document.body.dataset.done = "error"; });
</script>
<body></body>`);
    const page = await context.newPage();
    const logs = [];
    const problems = [];
    page.on("console", (m) => (m.type() === "error" || m.type() === "warning" ? problems : logs).push(m.text()));
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    await page.goto(`${base}/${name}.html`);
    await page.waitForSelector("body[data-done]", { state: "attached" });
    const error = await page.evaluate(() => document.body.dataset.error ?? null);
    await page.close();
    assert.equal(error, null, `${b.label} failed in Chromium:\n${error}`);
    assert.deepEqual(problems, [], `${b.label}: console errors in Chromium`);
    assert.ok(logs.length > 0, `${b.label} printed nothing in Chromium`);
  });
}
