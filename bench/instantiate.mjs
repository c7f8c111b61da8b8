#!/usr/bin/env node
// Time to compile and instantiate the package's wasm in Node, each sample in a fresh
// process (V8 caches a module compiled from the same bytes within one isolate, so a
// loop in one process would measure the cache). Also the whole cold path a Node user
// pays: process start → require the package → first checkConsentReceipt answered.
//
//   node bench/instantiate.mjs [--runs N] [--json]
//
// The workerd figures come from bench/worker.mjs, which measures them inside workerd.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadLibrary } from "./lib/pkg.mjs";
import { num, table } from "./lib/table.mjs";

const BENCH = dirname(fileURLToPath(import.meta.url));

// Child 1: compile, then instantiate against stub imports (nothing of the glue runs,
// so this is the engine's cost alone).
const ENGINE = `
const { readFileSync } = require("node:fs");
const { performance } = require("node:perf_hooks");
const bytes = readFileSync(process.argv[1]);
const t0 = performance.now();
const mod = new WebAssembly.Module(bytes);
const t1 = performance.now();
const imports = {};
for (const imp of WebAssembly.Module.imports(mod)) {
  imports[imp.module] ??= {};
  if (imp.kind === "function") imports[imp.module][imp.name] = () => {};
  else if (imp.kind === "table") imports[imp.module][imp.name] = new WebAssembly.Table({ initial: 1024, element: "externref" });
  else if (imp.kind === "memory") imports[imp.module][imp.name] = new WebAssembly.Memory({ initial: 17 });
  else if (imp.kind === "global") imports[imp.module][imp.name] = new WebAssembly.Global({ value: "i32", mutable: true }, 0);
      else if (imp.kind === "tag") imports[imp.module][imp.name] = WebAssembly.JSTag ?? new WebAssembly.Tag({ parameters: ["externref"] });
}
new WebAssembly.Instance(mod, imports);
const t2 = performance.now();
process.stdout.write(JSON.stringify({ compile: t1 - t0, instantiate: t2 - t1 }));
`;

// Child 2, a separate process so nothing is cached: the package as a user loads it.
const PACKAGE = `
const { readFileSync } = require("node:fs");
const { performance } = require("node:perf_hooks");
const [entry, receiptPath] = process.argv.slice(1);
const text = readFileSync(receiptPath, "utf8");
const t0 = performance.now();
const api = require(entry);
const check = api.checkConsentReceipt(text, { now: "2026-11-21T00:00:00Z", dwollaPartnerId: "" });
const t1 = performance.now();
if (!check.ok) throw new Error("fixture receipt did not check clean");
process.stdout.write(JSON.stringify({ requireAndFirstCall: t1 - t0, sinceProcessStart: t1 }));
`;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function measureNodeInstantiation({ runs = 7 } = {}) {
  const { target, wasmPath, entry } = await loadLibrary({ entryOnly: true });
  if (!/node/.test(target)) {
    return { skipped: `the nodejs build target is missing (found ${target}); the cold-path sample needs require()` };
  }
  const receipt = join(BENCH, "fixtures", "access-key-response.json");
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const engine = execFileSync(process.execPath, ["-e", ENGINE, wasmPath], { encoding: "utf8" });
    const pkg = execFileSync(process.execPath, ["-e", PACKAGE, entry, receipt], { encoding: "utf8" });
    samples.push({ ...JSON.parse(engine), ...JSON.parse(pkg) });
  }
  const pick = (k) => median(samples.map((s) => s[k]));
  return {
    runs,
    wasmBytes: readFileSync(wasmPath).length,
    compileMs: pick("compile"),
    instantiateMs: pick("instantiate"),
    requireAndFirstCallMs: pick("requireAndFirstCall"),
    sinceProcessStartMs: pick("sinceProcessStart"),
  };
}

export function instantiateTable(node, workerd, opts) {
  const rows = [];
  if (node && !node.skipped) {
    rows.push(["Node " + process.version, "compile (new WebAssembly.Module)", num(node.compileMs, 2)]);
    rows.push(["Node " + process.version, "instantiate (new WebAssembly.Instance)", num(node.instantiateMs, 2)]);
    rows.push(["Node " + process.version, "require package + first checkConsentReceipt", num(node.requireAndFirstCallMs, 2)]);
  }
  if (workerd && !workerd.skipped) {
    rows.push(["workerd", "compile (startup with the wasm − startup without)", num(workerd.compileMs, 2)]);
    rows.push(["workerd", "instantiate (new WebAssembly.Instance, in the isolate)", num(workerd.instantiateMs, 2)]);
  }
  return table(["runtime", "step (median)", "ms"], rows, opts);
}

async function main() {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf("--runs");
  const node = await measureNodeInstantiation({ runs: runsAt >= 0 ? Number(args[runsAt + 1]) : 7 });
  if (args.includes("--json")) console.log(JSON.stringify(node, null, 2));
  else if (node.skipped) console.log(`skipped: ${node.skipped}`);
  else console.log(instantiateTable(node, null));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
