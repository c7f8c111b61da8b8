// The generated TypeScript API must equal the committed reference, so that any change
// of the JS API shows up in review: the core entries' (tests/reference/consent_exchange.d.ts)
// and the client entry's (tests/reference/consent_exchange_client.d.ts).
// Refresh: UPDATE_REFERENCE=1 node --test tests/js/types.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const pkgDir = process.env.PKG_DIR ?? path.join(root, "pkg");
const read = (file) => readFileSync(path.join(pkgDir, file), "utf8");

// The core entries (bundler build) and the client entry (web build with `WorkerClient`).
for (const [file, ref] of [
  ["bundler/consent_exchange.d.ts", "consent_exchange.d.ts"],
  ["client/consent_exchange.d.ts", "consent_exchange_client.d.ts"],
]) {
  test(`generated ${file} matches tests/reference/${ref}`, () => {
    const reference = path.join(root, "tests/reference", ref);
    const generated = read(file);
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

test("every target declares the same API", () => {
  const strip = (text) => text.replace(/export type InitInput[\s\S]*$/m, "").replace(/\s+$/, "");
  const bundler = strip(read("bundler/consent_exchange.d.ts"));
  const node = strip(read("node/consent_exchange.d.ts"));
  assert.equal(node, bundler);
  const web = read("web/consent_exchange.d.ts");
  for (const name of ["checkConsentReceipt", "finicityExchange", "tokenExchange", "ReceiptCheck"]) {
    assert.ok(web.includes(name), `web declares ${name}`);
  }
});
