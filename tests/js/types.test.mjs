// The generated TypeScript API must equal the committed reference, so that any change
// of the JS API shows up in review: one reference per entry of npm/entries.json
// (tests/reference/consent_exchange.d.ts for the main entry, consent_exchange_<name>.d.ts
// for the others), taken from its bundler build (the client's from its web build).
// Refresh: UPDATE_REFERENCE=1 node --test tests/js/types.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { folderOf } from "../../scripts/pkg-manifest.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const pkgDir = process.env.PKG_DIR ?? path.join(root, "pkg");
const read = (file) => readFileSync(path.join(pkgDir, file), "utf8");
const { entries } = JSON.parse(readFileSync(path.join(root, "npm/entries.json"), "utf8"));

for (const entry of entries) {
  const file = path.join(folderOf(entry, entry.targets.includes("bundler") ? "bundler" : "web"), "consent_exchange.d.ts");
  const ref = entry.subpath === "." ? "consent_exchange.d.ts" : `consent_exchange_${entry.name}.d.ts`;
  test(`generated ${file} matches tests/reference/${ref}`, () => {
    const reference = path.join(root, "tests/reference", ref);
    // wasm-bindgen's closure shims are raw exports of the module (in `InitOutput`, not
    // the API) named by their mangled Rust symbol, whose hash and order change with the
    // compiler: the reference leaves them out.
    const generated = read(file)
      .split("\n")
      .filter((line) => !/^ *readonly \w*closures_____invoke__h[0-9a-f]{16}:/.test(line))
      .join("\n");
    if (process.env.UPDATE_REFERENCE === "1") writeFileSync(reference, generated);
    const committed = readFileSync(reference, "utf8");
    assert.equal(generated, committed, "the JS API changed: review it, then refresh with UPDATE_REFERENCE=1");
  });
}

test("the core entries leave the worker client out; the client entry has both", () => {
  for (const dir of ["bundler", "node", "web"]) {
    assert.ok(!read(`${dir}/consent_exchange.d.ts`).includes("WorkerClient"), `${dir} has no WorkerClient`);
  }
  const client = read("client/consent_exchange.d.ts");
  for (const name of ["export class WorkerClient", "linkBank", "LinkBankRequest", "checkConsentReceipt", "finicityExchange", "initSync"]) {
    assert.ok(client.includes(name), `client declares ${name}`);
  }
});

for (const entry of entries.filter((e) => e.targets.length > 1)) {
  test(`every target of entry ${entry.name} declares the same API`, () => {
    const strip = (text) => text.replace(/export type InitInput[\s\S]*$/m, "").replace(/\s+$/, "");
    const bundler = strip(read(path.join(folderOf(entry, "bundler"), "consent_exchange.d.ts")));
    const node = strip(read(path.join(folderOf(entry, "node"), "consent_exchange.d.ts")));
    const web = strip(read(path.join(folderOf(entry, "web"), "consent_exchange.d.ts")));
    assert.equal(node, bundler);
    assert.ok(web.startsWith(bundler), "web declares the bundler API, then its loader");
  });
}
