#!/usr/bin/env node
// What the size goals leave room for: the gzip -9 size (web build, `.wasm` + minified
// glue, as bench/size.mjs counts it) of builds that take parts out of the package, each
// through the release pipeline itself (scripts/build-pkg.sh, with an entry written for
// the variant), in a copy of the working tree's tracked files:
//
//   - the main entry as shipped (a check: section 1 of BENCHMARKS.md gives the same);
//   - the 30 KB goal's own functions (receipt check, Finicity and token exchanges,
//     exchange session, response reader: `js-link` without re-authentication and the
//     session and redirect reads);
//   - those functions with the receipt walk taken out whole (the receipt parsed,
//     nothing located or checked, no receipt returned);
//   - those functions with every formatted message left empty (`message!`; fixed
//     texts kept);
//   --exports   also the main entry without each of its exports, one at a time: what
//               each adds on its own;
//   --features  also the everything entry without each of its features but `js-link`.
//
//   node bench/size-bounds.mjs [--exports] [--features] [--markdown | --json]
//
// Lower bounds by construction, not builds to ship: a variant that cuts a check or a
// message is a measurement of what that part weighs. Each variant edits the copy's
// source at a fixed anchor and stops with an error unless the anchor is there exactly
// once, so a refactor of those lines shows here instead of measuring something else.
// The copy and its target directory live under .tools/tmp/size-bounds (the first build
// compiles std, ~2 min; each further one a few seconds). bench/run.mjs prints the
// table with every variant (section 1b). Needs what scripts/build-pkg.sh needs.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { num, table } from "./lib/table.mjs";
import { measureTarget } from "./size.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const WORK = join(ROOT, ".tools", "tmp", "size-bounds");
const TREE = join(WORK, "tree");

// At the start of a line: the worker client's methods (src/js/client.rs) are indented.
const exportAttribute = (name) => new RegExp(`^#\\[wasm_bindgen\\(js_name = ${name}[,)]`, "m");
/** Puts `cfg(any())` (never true) on the `#[wasm_bindgen]` export named `name` in `file`. */
const dropExport = (file, name) => ({ file, from: exportAttribute(name), to: (found) => `#[cfg(any())]\n${found}` });
/** The file of src/js/ that declares the export `name`. */
function fileOfExport(name) {
  const dir = join(ROOT, "src", "js");
  const files = readdirSync(dir).filter((f) => f.endsWith(".rs") && exportAttribute(name).test(readFileSync(join(dir, f), "utf8")));
  if (files.length !== 1) throw new Error(`size-bounds: the export ${name} is declared in ${files.length} files of src/js/, not one`);
  return `src/js/${files[0]}`;
}
const GOAL_SET = [
  dropExport("src/js/session.rs", "reauthExchangeSession"),
  dropExport("src/js/session.rs", "readExchangeSession"),
  dropExport("src/js/session.rs", "readVisaRedirect"),
];
const NO_RECEIPT_WALK = {
  file: "src/receipt/check.rs",
  from: `    let receipt = walk
        .locate(&root)
        .and_then(|(node, path)| walk.receipt(node, &path));`,
  to: `    let _ = &root;
    let receipt = None;`,
};
const NO_MESSAGES = {
  file: "src/message.rs",
  from: `        let mut text = ::std::string::String::new();
        // A String's \`uWrite\` cannot fail: its error type is \`Infallible\`.
        let Ok(()) = ::ufmt::uwrite!(text, $($arg)*);
        text`,
  // The arguments stay borrowed in a closure that is never called, so no variable
  // becomes unused; the optimiser removes the closure.
  to: `        let _ = || ::ufmt::uwrite!(::std::string::String::new(), $($arg)*);
        ::std::string::String::new()`,
};

const shipped = JSON.parse(readFileSync(join(ROOT, "npm", "entries.json"), "utf8"));

/** The builds to measure: the bounds, then with `exports` / `features` the marginals. */
function variantsFor({ exports = false, features = false } = {}) {
  const core = shipped.entries.find((e) => e.subpath === ".");
  const coreFeatures = core.features;
  const variants = [
    { label: "main entry, as shipped", features: coreFeatures, edits: [], goal: 30_000 },
    { label: "the 30 KB goal's functions", features: ["js-link"], edits: GOAL_SET, goal: 30_000 },
    { label: "  without the receipt walk", features: ["js-link"], edits: [...GOAL_SET, NO_RECEIPT_WALK], goal: 30_000 },
    { label: "  with formatted messages empty", features: ["js-link"], edits: [...GOAL_SET, NO_MESSAGES], goal: 30_000 },
  ];
  if (exports) {
    // The main entry's exports as npm/entries.json lists them.
    for (const name of core.functions) {
      variants.push({ label: `main entry without ${name}`, features: coreFeatures, edits: [dropExport(fileOfExport(name), name)], of: 0 });
    }
  }
  if (features) {
    // `js-all`'s features one by one (the shipped entry names `js-all`; the crate's
    // metadata hash differs with the feature list, which moves the gzip by a few bytes).
    const allLine = /^js-all = \[(.*)\]$/m.exec(readFileSync(join(ROOT, "Cargo.toml"), "utf8"));
    if (!allLine) throw new Error("size-bounds: no `js-all = [...]` line in Cargo.toml");
    const all = [...allLine[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    const everything = variants.push({ label: "everything entry, its features listed", features: all, edits: [], goal: 40_000 }) - 1;
    for (const f of all.slice(1)) {
      variants.push({ label: `everything without ${f}`, features: all.filter((x) => x !== f), edits: [], of: everything, goal: 40_000 });
    }
  }
  return variants;
}

/** A fresh copy of the tracked files as they are in the working tree (edits included). */
function copyTree() {
  rmSync(TREE, { recursive: true, force: true });
  const files = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const f of files) {
    if (!existsSync(join(ROOT, f))) continue; // deleted in the working tree
    mkdirSync(dirname(join(TREE, f)), { recursive: true });
    cpSync(join(ROOT, f), join(TREE, f));
  }
  // The build's tools (wasm-opt, esbuild) are found under node_modules (scripts/env.sh).
  symlinkSync(join(ROOT, "node_modules"), join(TREE, "node_modules"));
}

function build(variant, edited) {
  // Every variant starts from the working tree's text of the files any variant edits.
  for (const file of edited) {
    cpSync(join(ROOT, file), join(TREE, file));
  }
  for (const { file, from, to } of variant.edits) {
    const path = join(TREE, file);
    const text = readFileSync(path, "utf8");
    const count = typeof from === "string" ? text.split(from).length - 1 : (text.match(new RegExp(from.source, `${from.flags}g`)) ?? []).length;
    if (count !== 1) throw new Error(`size-bounds: ${file} has ${count} places (not one) with the text this variant edits:\n${from}`);
    writeFileSync(path, text.replace(from, to));
  }
  const entry = { name: "bound", subpath: "./bound", dir: "bound", features: variant.features, targets: ["web"], job: variant.label, functions: "*" };
  // Beside the shipped entries (the manifest script wants them), built alone.
  writeFileSync(join(TREE, "npm", "entries.json"), JSON.stringify({ ...shipped, entries: [...shipped.entries, entry] }, null, 2));
  execFileSync("bash", ["scripts/build-pkg.sh", "bound"], {
    cwd: TREE,
    env: { ...process.env, FORCE_BUILD: "1", CARGO_TARGET_DIR: join(WORK, "target") },
    stdio: ["ignore", "ignore", "inherit"],
  });
  // Counted as section 1 counts a target: every file a consumer of it loads.
  const size = measureTarget({ name: "bound", dir: join(TREE, "pkg", "bound") });
  return { wasm: size.wasmGzip, glue: size.glueGzip, total: size.gzip };
}

/** Builds every variant (a fresh copy of the tree first): rows with their gzip sizes. */
export function measureBounds(opts = {}) {
  const variants = variantsFor(opts);
  const edited = new Set(variants.flatMap((v) => v.edits.map((e) => e.file)));
  mkdirSync(WORK, { recursive: true });
  copyTree();
  return variants.map((v, i) => {
    process.stderr.write(`size-bounds: ${i + 1}/${variants.length} ${v.label.trim()} (${v.features.join(",")})\n`);
    return { ...v, ...build(v, edited) };
  });
}

export function boundsTable(rows, opts) {
  return table(
    ["build (web, release pipeline)", "wasm gz B", "glue gz B", "total B", "over its goal (30,000 / 40,000 B)", "its own weight (B of wasm)"],
    rows.map((r) => [
      r.label,
      num(r.wasm),
      num(r.glue),
      num(r.total),
      r.goal === undefined ? "" : `${r.total > r.goal ? "+" : ""}${num(r.total - r.goal)}`,
      r.of === undefined ? "" : num(rows[r.of].wasm - r.wasm),
    ]),
    opts,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const rows = measureBounds({ exports: args.includes("--exports"), features: args.includes("--features") });
  if (args.includes("--json")) {
    console.log(JSON.stringify(rows.map(({ label, features, wasm, glue, total, goal }) => ({ label: label.trim(), features, wasm, glue, total, goal })), null, 2));
  } else {
    console.log(boundsTable(rows, { markdown: args.includes("--markdown") }));
  }
}
