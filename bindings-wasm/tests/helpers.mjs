// Shared by the node tests: the package under test (the CommonJS build for node) and paths.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

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
