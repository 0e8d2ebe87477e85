#!/usr/bin/env node
// Generates the TypeScript types of the JS API from the JSON Schemas in ../schemas/, which core
// generates from its Rust types (`make schemas`). So the chain Rust type -> JSON Schema -> .d.ts
// has no hand-written step. The file is built, not tracked: the package build (scripts/build.sh)
// writes it before packing, and `make test-wasm` compiles a usage file against it; the schemas
// themselves are tracked and checked for drift (`make check-schemas`).
//
//   node scripts/schema-to-ts.mjs            # write types/giamngheo-types.d.ts (ignored by git)
//   node scripts/schema-to-ts.mjs --check    # exit 1 when it differs from a fresh one
//
// Only the keywords schemars emits are understood; any other keyword stops the script, so that a
// schema feature this converter does not know cannot be silently dropped from the types.

import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const schemaDir = join(here, "..", "..", "schemas");
const outFile = join(here, "..", "types", "giamngheo-types.d.ts");

// Which schema each JSON function takes and gives: core's registry (`giamngheo::api`), written
// by `cargo run -p xtask -- schemas` into schemas/functions.json. Nothing is listed here by hand.
const FUNCTIONS = Object.fromEntries(
  JSON.parse(readFileSync(join(schemaDir, "functions.json"), "utf8")).map((f) => [f.name, [f.request, f.answer, f.doc]]),
);

// Names a module should not shadow (the JS globals `Error` and `Date`).
const RENAME = { Error: "GiamngheoError", Date: "IsoDate" };

const KNOWN = new Set([
  "$schema", "title", "description", "type", "properties", "required", "additionalProperties",
  "items", "$ref", "$defs", "oneOf", "anyOf", "allOf", "enum", "const", "format", "minimum",
  "maximum", "exclusiveMinimum", "exclusiveMaximum", "pattern", "default", "minItems", "maxItems",
  "minLength", "maxLength", "uniqueItems", "examples", "deprecated",
]);

const pascal = (file) =>
  file
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");

const stable = (v) =>
  JSON.stringify(v, (_, x) =>
    x && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]]))
      : x,
  );

// --- read every schema; give each root and each $def one TypeScript name ---------------------
const files = readdirSync(schemaDir)
  .filter((f) => f.endsWith(".schema.json"))
  .sort();
const schemas = files.map((f) => {
  const base = f.replace(/\.schema\.json$/, "");
  return { base, root: pascal(base), json: JSON.parse(readFileSync(join(schemaDir, f), "utf8")) };
});
const rootNames = new Map(schemas.map((s) => [s.root, s]));

const body = (s) => {
  const { $schema, title, $defs, ...rest } = s;
  return rest;
};

// A def name with two different contents (in two schemas) gets the schema's root name in front.
const variants = new Map(); // def name -> Map(stable content -> [schema bases])
for (const s of schemas) {
  for (const [name, def] of Object.entries(s.json.$defs ?? {})) {
    const key = stable(def);
    if (!variants.has(name)) variants.set(name, new Map());
    const m = variants.get(name);
    if (!m.has(key)) m.set(key, []);
    m.get(key).push(s.base);
  }
}
const defName = (schema, name) => {
  const m = variants.get(name);
  const key = stable(schema.json.$defs[name]);
  // Same as a root schema of that name: the root's type.
  const root = rootNames.get(name);
  if (root && stable(body(root.json)) === key) return name;
  const base = RENAME[name] ?? name;
  if (m.size === 1 && !rootNames.has(base)) return base;
  return schema.root + base;
};

const out = new Map(); // TS name -> { doc, type }

// --- conversion --------------------------------------------------------------------------------
const doc = (text, indent = "") =>
  text
    ? `${indent}/**\n${text
        .trim()
        .split("\n")
        .map((l) => `${indent} * ${l.replace(/\*\//g, "*\\/")}`.trimEnd())
        .join("\n")}\n${indent} */\n`
    : "";

const lit = (v) => JSON.stringify(v);
const propKey = (k) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : lit(k));

function ts(node, ctx, indent) {
  if (node === true || (node && typeof node === "object" && Object.keys(node).length === 0)) return "unknown";
  if (node === false) return "never";
  for (const k of Object.keys(node)) {
    if (!KNOWN.has(k)) throw new Error(`${ctx.base}: keyword '${k}' is not understood by schema-to-ts.mjs`);
  }
  const parts = [];
  if (node.$ref) {
    const m = /^#\/\$defs\/(.+)$/.exec(node.$ref);
    if (!m) throw new Error(`${ctx.base}: $ref '${node.$ref}' is not a local $defs reference`);
    parts.push(defName(ctx, m[1]));
  }
  if ("const" in node) parts.push(lit(node.const));
  else if (node.enum) parts.push(node.enum.map(lit).join(" | "));
  else if (node.type) parts.push(typed(node, ctx, indent));
  if (node.oneOf) parts.push(union(node.oneOf, ctx, indent));
  if (node.anyOf) parts.push(union(node.anyOf, ctx, indent));
  if (node.allOf) parts.push(node.allOf.map((n) => paren(ts(n, ctx, indent))).join(" & "));
  if (parts.length === 0) return "unknown";
  return parts.length === 1 ? parts[0] : parts.map(paren).join(" & ");
}

const paren = (t) => (/[|&]/.test(t) && !/^\{[\s\S]*\}$/.test(t) ? `(${t})` : t);

function union(list, ctx, indent) {
  const members = list.map((n) => {
    const t = ts(n, ctx, indent);
    const d = n && typeof n === "object" && n.description && !n.$ref ? n.description : "";
    return { t, d };
  });
  const uniq = [...new Map(members.map((m) => [m.t, m])).values()];
  const documented = uniq.some((m) => m.d);
  if (!documented) return uniq.map((m) => paren(m.t)).join(" | ");
  return uniq.map((m) => `\n${indent}  | ${m.d ? doc(m.d, indent + "    ").trimStart() + indent + "    " : ""}${m.t}`).join("");
}

function typed(node, ctx, indent) {
  const types = Array.isArray(node.type) ? node.type : [node.type];
  return types
    .map((t) => {
      switch (t) {
        case "string":
          return "string";
        case "integer":
        case "number":
          return "number";
        case "boolean":
          return "boolean";
        case "null":
          return "null";
        case "array":
          return `${paren(node.items ? ts(node.items, ctx, indent) : "unknown")}[]`;
        case "object":
          return object(node, ctx, indent);
        default:
          throw new Error(`${ctx.base}: type '${t}'`);
      }
    })
    .join(" | ");
}

function object(node, ctx, indent) {
  const props = node.properties ?? {};
  const required = new Set(node.required ?? []);
  const lines = [];
  for (const [k, v] of Object.entries(props)) {
    const d = v && typeof v === "object" ? v.description : "";
    lines.push(`${doc(d, indent + "  ")}${indent}  ${propKey(k)}${required.has(k) ? "" : "?"}: ${ts(v, ctx, indent + "  ")};`);
  }
  const extra = node.additionalProperties;
  if (extra !== undefined && extra !== false && (extra !== true || lines.length === 0)) {
    lines.push(`${indent}  [key: string]: ${extra === true ? "unknown" : ts(extra, ctx, indent + "  ")};`);
  } else if (extra === undefined && lines.length === 0) {
    lines.push(`${indent}  [key: string]: unknown;`);
  }
  return `{\n${lines.join("\n")}\n${indent}}`;
}

// --- emit --------------------------------------------------------------------------------------
const emitted = new Set();
const decls = [];
function declare(name, description, type, source) {
  if (emitted.has(name)) return;
  emitted.add(name);
  decls.push({ name, text: `${doc(description)}export type ${name} =${type.startsWith("\n") ? "" : " "}${type};\n`, source });
}

for (const s of schemas) {
  const d = s.json.description ?? "";
  const title = s.json.title && s.json.title !== s.root ? `${s.json.title}.\n` : "";
  declare(s.root, `${title}${d}\n\nschemas/${s.base}.schema.json`.trim(), ts(body(s.json), s, ""), s.base);
  for (const [name, def] of Object.entries(s.json.$defs ?? {})) {
    const tsName = defName(s, name);
    if (tsName === name && rootNames.has(name) && name !== s.root) continue; // the root of its own file
    if (name === "Decimal" || name === "Money") {
      // Core reads exact decimals from strings (and from JSON numbers' text), and always writes
      // strings: the JS API takes and gives money as strings (as typed: "1.650.000" is read by
      // core's amount rule), never as JS numbers.
      const example = name === "Money" ? `"650000", "1.650.000" or "1500000.50"` : `"0.125" or "1.5"`;
      declare(tsName, `${def.description ?? ""}\n\nIn JS always a string, e.g. ${example}.`, "string", s.base);
      continue;
    }
    declare(tsName, def.description ?? "", ts(def, s, ""), s.base);
  }
}

const have = new Set(schemas.map((s) => s.base));
const fnLines = Object.entries(FUNCTIONS).map(([fn, [req, res, doc]]) => {
  if (!have.has(req) || !have.has(res)) throw new Error(`${fn}: no schemas/${req} or ${res}.schema.json`);
  return `  /** ${doc} */\n  ${fn}: { request: ${pascal(req)}; result: ${pascal(res)} };`;
});

const header = `// GENERATED by bindings-wasm/scripts/schema-to-ts.mjs from schemas/*.schema.json, which core
// generates from its Rust types. Do not edit: run \`make -f bindings-wasm/make.mk wasm-types\` (or
// \`node bindings-wasm/scripts/schema-to-ts.mjs\`) after \`make schemas\`.
/* eslint-disable */

`;
const fnBlock = `/** Each JSON function of core: what it takes and what it gives. */
export interface Functions {
${fnLines.join("\n")}
}
/** The function names of core's JSON door (\`call\`). */
export type FunctionName = keyof Functions;
export type FunctionRequest<F extends FunctionName> = Functions[F]["request"];
export type FunctionResult<F extends FunctionName> = Functions[F]["result"];
export type FundingRequest<F extends "check_plan" | "allocate" | "counterpart_ratio"> = FunctionRequest<F>;
export type FundingResult<F extends "check_plan" | "allocate" | "counterpart_ratio"> = FunctionResult<F>;
/** Core's list of errors (never empty): each with a stable code, a JSON pointer and messages. */
export type ErrorList = Errors;
`;
const text = header + decls.map((d) => d.text).join("\n") + "\n" + fnBlock;

if (process.argv.includes("--check")) {
  let committed = "";
  try {
    committed = readFileSync(outFile, "utf8");
  } catch {}
  if (committed !== text) {
    console.error(
      "bindings-wasm/types/giamngheo-types.d.ts differs from the schemas: run `node bindings-wasm/scripts/schema-to-ts.mjs`",
    );
    process.exit(1);
  }
  console.log(`types up to date (${decls.length} types from ${schemas.length} schemas)`);
} else {
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, text);
  console.log(`wrote ${outFile} (${decls.length} types from ${schemas.length} schemas)`);
}
