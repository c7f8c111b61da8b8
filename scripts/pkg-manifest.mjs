#!/usr/bin/env node
// Writes the npm package's package.json (the path given, pkg/package.json by
// scripts/build-pkg.sh) from npm/entries.json: each entry's `exports` subpath routes the
// runtimes' conditions to its builds (workerd → worker/, Node → node/, bundlers →
// bundler/), and `<subpath>/web` names its plain web build.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const { entries } = JSON.parse(readFileSync(join(ROOT, "npm/entries.json"), "utf8"));
const version = /^version = "([^"]+)"/m.exec(readFileSync(join(ROOT, "Cargo.toml"), "utf8"))[1];

const file = (dir, name) => `./${dir ? `${dir}/` : ""}${name}`;

/**
 * The folder under pkg/ of an entry's build for one wasm-bindgen target ("web",
 * "nodejs", "bundler"; "worker" for the Workers entry over web/): named after the target
 * (nodejs: node) inside the entry's `dir`; an entry with one target (the client) keeps
 * its build directly in its `dir`. scripts/build-pkg.sh's `folder_of` builds there.
 */
export function folderOf(entry, target) {
  if (entry.targets.length === 1) return entry.dir;
  return [entry.dir, target === "nodejs" ? "node" : target].filter(Boolean).join("/");
}
const exportsMap = {};
const folders = [];
const sideEffects = [];
for (const entry of entries) {
  const at = (target, name) => file(folderOf(entry, target), name);
  const key = entry.subpath;
  const suffix = key === "." ? "." : key;
  if (entry.targets.length === 1) {
    // One target (the client): its build sits directly in the entry's folder.
    const [t] = entry.targets;
    if (t !== "web") throw new Error(`entry ${entry.name}: a single target must be web`);
    exportsMap[key] = { types: at(t, "consent_exchange.d.ts"), default: at(t, "consent_exchange.js") };
    exportsMap[`${suffix}/consent_exchange_bg.wasm`] = at(t, "consent_exchange_bg.wasm");
    sideEffects.push(at(t, "consent_exchange.js"));
    folders.push(`${entry.dir}/`);
    continue;
  }
  for (const t of ["web", "nodejs", "bundler"]) {
    if (!entry.targets.includes(t)) throw new Error(`entry ${entry.name}: targets must be web, nodejs and bundler`);
  }
  const worker = { types: at("worker", "index.d.ts"), default: at("worker", "index.js") };
  const bundler = { types: at("bundler", "consent_exchange.d.ts"), default: at("bundler", "consent_exchange.js") };
  exportsMap[key] = {
    workerd: worker,
    worker,
    node: {
      import: { types: at("nodejs", "index.d.mts"), default: at("nodejs", "index.mjs") },
      require: { types: at("nodejs", "consent_exchange.d.ts"), default: at("nodejs", "consent_exchange.js") },
    },
    ...bundler,
  };
  exportsMap[`${suffix}/web`] = { types: at("web", "consent_exchange.d.ts"), default: at("web", "consent_exchange.js") };
  exportsMap[`${suffix}/web/consent_exchange_bg.wasm`] = at("web", "consent_exchange_bg.wasm");
  exportsMap[`${suffix}/bundler`] = bundler;
  exportsMap[`${suffix}/worker`] = worker;
  sideEffects.push(at("bundler", "consent_exchange.js"), at("web", "consent_exchange.js"), at("worker", "index.js"));
  folders.push(...(entry.dir ? [`${entry.dir}/`] : ["web/", "node/", "bundler/", "worker/"]));
}
exportsMap["./package.json"] = "./package.json";

const main = entries.find((e) => e.subpath === ".");
const manifest = {
  name: "consent-exchange",
  version,
  description: "Validate Finicity consent receipts and build every Dwolla exchange request, as typed WebAssembly.",
  license: "MIT OR Apache-2.0",
  repository: { type: "git", url: "git+https://github.com/consent-exchange/consent-exchange.git" },
  homepage: "https://github.com/consent-exchange/consent-exchange#readme",
  bugs: { url: "https://github.com/consent-exchange/consent-exchange/issues" },
  keywords: ["dwolla", "finicity", "open-banking", "wasm"],
  types: file(main.dir, "node/consent_exchange.d.ts"),
  main: file(main.dir, "node/consent_exchange.js"),
  module: file(main.dir, "bundler/consent_exchange.js"),
  browser: file(main.dir, "bundler/consent_exchange.js"),
  exports: exportsMap,
  files: [...folders, "README.md", "LICENSE-MIT", "LICENSE-APACHE"],
  sideEffects,
  engines: { node: ">=20" },
};

/** The entries table of npm/README.md (between its `entries` markers), from the same list. */
export function entriesTable() {
  const rows = entries.map((e) => {
    const specifier = e.subpath === "." ? "consent-exchange" : `consent-exchange/${e.subpath.slice(2)}`;
    const functions = Array.isArray(e.functions) ? e.functions.map((f) => `\`${f}\``).join(", ") : e.name === "client" ? "every function, and the `WorkerClient` class" : "every function";
    return `| \`${specifier}\` | ${e.job} | ${functions} |`;
  });
  return ["| Import | For | Functions |", "|---|---|---|", ...rows].join("\n");
}

const README = join(ROOT, "npm/README.md");
const MARKERS = /(<!-- entries: generated from npm\/entries\.json by scripts\/pkg-manifest\.mjs --readme -->\n)[\s\S]*?(<!-- \/entries -->)/;
/** npm/README.md with its entries table regenerated. */
export function readmeWithTable(text = readFileSync(README, "utf8")) {
  if (!MARKERS.test(text)) throw new Error("npm/README.md has no entries markers");
  return text.replace(MARKERS, (_, open, close) => `${open}${entriesTable()}\n${close}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv[2] === "--readme") writeFileSync(README, readmeWithTable());
  else writeFileSync(process.argv[2] ?? join(ROOT, "pkg/package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
}
