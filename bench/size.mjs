#!/usr/bin/env node
// Prints the gzip -9 size of every build target of the package (the `.wasm`
// plus its JS glue, what a browser or a bundle downloads), next to the official
// `dwolla` SDK bundled with esbuild and tree-shaken to creating an exchange and an
// exchange session.
//
//   node bench/size.mjs               table
//   node bench/size.mjs --json        machine-readable rows
//   node bench/size.mjs --budget 37000   also fail (exit 1) when the `web` target's
//                                        gzip total exceeds the budget in bytes
//
// Build the package first (scripts/build-pkg.sh); targets are found under pkg/ (or
// under $BENCH_PKG).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzip9 } from "./lib/gzip.mjs";
import { num, ratio, table } from "./lib/table.mjs";

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH, "..");

/** Files a consumer of one target loads: the wasm and the JS around it, not types or docs. */
function shippedFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        // wasm-bindgen puts inline JS snippets under snippets/; they ship too.
        if (name === "snippets") walk(p);
        continue;
      }
      if (/\.(wasm|js|mjs|cjs)$/.test(name) && !name.endsWith(".d.ts")) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

const hasWasm = (dir) => existsSync(dir) && statSync(dir).isDirectory() && readdirSync(dir).some((f) => f.endsWith(".wasm"));

/**
 * Every build target present: pkg/<target>/ (one folder per wasm-bindgen target), a
 * single-target pkg/, or sibling pkg-<target>/ folders.
 */
export function findTargets(root = ROOT) {
  const targets = [];
  // BENCH_PKG points at another build folder (same layout as pkg/), e.g. to compare.
  const pkg = process.env.BENCH_PKG ?? join(root, "pkg");
  if (existsSync(pkg)) {
    if (hasWasm(pkg)) targets.push({ name: "pkg", dir: pkg });
    for (const name of readdirSync(pkg).sort()) {
      const dir = join(pkg, name);
      if (!statSync(dir).isDirectory()) continue;
      if (hasWasm(dir)) targets.push({ name, dir });
      // An entry of its own (npm/entries.json): pkg/<entry>/<target>/, named "<entry>/<target>".
      else for (const sub of readdirSync(dir).sort()) {
        if (hasWasm(join(dir, sub))) targets.push({ name: `${name}/${sub}`, dir: join(dir, sub) });
      }
    }
  }
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    if (name.startsWith("pkg-") && statSync(dir).isDirectory() && hasWasm(dir)) {
      targets.push({ name: name.slice(4), dir });
    }
  }
  return targets;
}

/** Size of one target: raw and gzip per file, and the totals. */
export function measureTarget({ name, dir }) {
  const files = shippedFiles(dir).map((path) => {
    const buf = readFileSync(path);
    return { path: relative(ROOT, path), raw: buf.length, gzip: gzip9(buf) };
  });
  const sum = (k) => files.reduce((s, f) => s + f[k], 0);
  const wasm = files.filter((f) => f.path.endsWith(".wasm"));
  return {
    name,
    files,
    raw: sum("raw"),
    gzip: sum("gzip"),
    wasmGzip: wasm.reduce((s, f) => s + f.gzip, 0),
    glueGzip: sum("gzip") - wasm.reduce((s, f) => s + f.gzip, 0),
  };
}

/** The official SDK, bundled as a page would ship it: ESM, minified, tree-shaken. */
export async function measureSdk() {
  const { build } = await import("esbuild");
  const entry = join(BENCH, "sdk", "entry.mjs");
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    treeShaking: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
    absWorkingDir: ROOT,
  });
  const buf = Buffer.from(result.outputFiles[0].contents);
  const version = JSON.parse(readFileSync(join(ROOT, "node_modules", "dwolla", "package.json"), "utf8")).version;
  return { name: `dwolla SDK ${version} (esbuild, minified)`, raw: buf.length, gzip: gzip9(buf) };
}

/** All rows: every package target, then the SDK. */
export async function measureSizes() {
  const targets = findTargets().map(measureTarget);
  const sdk = await measureSdk();
  return { targets, sdk };
}

export function sizeTable({ targets, sdk }, opts) {
  const rows = targets.map((t) => [
    `consent-exchange ${t.name}`,
    num(t.raw),
    num(t.wasmGzip),
    num(t.glueGzip),
    num(t.gzip),
    ratio(t.gzip, sdk.gzip),
  ]);
  rows.push([sdk.name, num(sdk.raw), "—", num(sdk.gzip), num(sdk.gzip), "1.00x"]);
  return table(["package", "raw B", "wasm gz B", "JS gz B", "total gzip -9 B", "vs SDK"], rows, opts);
}

async function main() {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const budgetAt = args.indexOf("--budget");
  const budget = budgetAt >= 0 ? Number(args[budgetAt + 1]) : null;
  const result = await measureSizes();
  if (json) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    if (result.targets.length === 0) {
      console.log("no build targets under pkg/: run scripts/build-pkg.sh first");
    }
    console.log(sizeTable(result));
    for (const t of result.targets) {
      console.log(`\n${t.name}: ${t.files.map((f) => `${f.path} ${num(f.gzip)} B`).join(", ")}`);
    }
  }
  if (budget != null) {
    const web = result.targets.find((t) => t.name === "web" || t.name === "pkg");
    if (!web) {
      console.error("size budget: no web target found under pkg/");
      process.exit(1);
    }
    if (web.gzip > budget) {
      console.error(`size budget: ${web.name} is ${web.gzip} B gzip, over the budget of ${budget} B`);
      process.exit(1);
    }
    console.log(`\nsize budget: ${web.name} ${web.gzip} B gzip <= ${budget} B`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
