// Shared by the node tests: the package under test (the CommonJS build for node), paths, and the
// browser tests' static server and headless Chromium.
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const here = dirname(fileURLToPath(import.meta.url));
export const wasmDir = join(here, "..");
export const repo = join(wasmDir, "..");
const require = createRequire(import.meta.url);
/** The npm package's node build, loaded the way a user loads it. */
export const gn = require(join(wasmDir, "pkg", "node", "giamngheo_wasm.js"));

/** A QĐ 59/2015 request with every indicator answered `false` except those named. */
export function qd59(monthly, deprived = [], extra = {}) {
  const ids = [
    "health_access", "health_insurance", "adult_education", "child_schooling", "housing_quality",
    "housing_area", "water_source", "sanitation", "telecom_use", "information_assets",
  ];
  return {
    date: "2018-06-30",
    area: "rural",
    income: { monthly_per_capita: monthly },
    indicators: Object.fromEntries(ids.map((id) => [id, deprived.includes(id)])),
    ...extra,
  };
}

/** Debian's chromium (playwright-core never downloads a browser). */
export const chromiumPath = process.env.WASM_CHROMIUM || "/usr/bin/chromium";

/** A URL path, decoded and normalised, without its leading slashes. */
export const relativePath = (pathname) => normalize(decodeURIComponent(pathname)).replace(/^[/\\]+/, "");

/**
 * A static file server on 127.0.0.1 (a free port): `locate(pathname)` gives the directory and the
 * file under it; anything outside that directory, or missing, is a 404. Returns the server and
 * its base URL.
 */
export async function serveFiles(locate, types) {
  const server = createServer((req, res) => {
    const [dir, rel] = locate(new URL(req.url, "http://localhost").pathname);
    const file = join(dir, rel);
    if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, base: `http://127.0.0.1:${server.address().port}` };
}

/** Headless Chromium with a fresh profile under a temporary directory, no first run and no
 * background network; `options` adds to playwright's, `args` to the browser's flags. */
export async function launchChromium(prefix, options = {}, args = []) {
  const userDir = mkdtempSync(join(tmpdir(), prefix));
  const context = await chromium.launchPersistentContext(userDir, {
    executablePath: chromiumPath,
    headless: true,
    timeout: 60_000,
    ...options,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      ...args,
    ],
  });
  return { context, userDir };
}
