// Loads the built npm package in Node: the `nodejs` target when it was built, else the
// `web` target initialised synchronously from the .wasm bytes.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { findTargets } from "../size.mjs";

const entryOf = (dir) => {
  if (existsSync(join(dir, "package.json"))) {
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    if (pkg.main ?? pkg.module) return join(dir, pkg.main ?? pkg.module);
  }
  // wasm-bindgen's entry is the one .js that is not the `_bg.js` half.
  return join(dir, readdirSync(dir).find((f) => /\.(c|m)?js$/.test(f) && !/_bg\.(c|m)?js$/.test(f)));
};

/**
 * `{ api, target, wasmPath, entry }` for the package as Node users load it. With
 * `entryOnly`, nothing is loaded (`api` is null): for measuring a cold load elsewhere.
 */
export async function loadLibrary({ entryOnly = false } = {}) {
  const targets = findTargets();
  // The main entry (`consent-exchange`, pkg/node/): what a user calling finicityExchange imports.
  const node = targets.find((t) => t.name === "node") ?? targets.find((t) => /node/.test(t.name));
  const wasmIn = (dir) => join(dir, readdirSync(dir).find((f) => f.endsWith(".wasm")));
  if (node) {
    const entry = entryOf(node.dir);
    const api = entryOnly ? null : createRequire(import.meta.url)(entry);
    return { api, target: node.name, wasmPath: wasmIn(node.dir), entry };
  }
  const web = targets.find((t) => t.name === "web" || t.name === "pkg");
  if (!web) throw new Error("no nodejs or web build under pkg/: run scripts/build-pkg.sh first");
  const entry = entryOf(web.dir);
  if (entryOnly) return { api: null, target: web.name, wasmPath: wasmIn(web.dir), entry };
  const api = await import(pathToFileURL(entry).href);
  api.initSync({ module: readFileSync(wasmIn(web.dir)) });
  return { api, target: web.name, wasmPath: wasmIn(web.dir), entry };
}
