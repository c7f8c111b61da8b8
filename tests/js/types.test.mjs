// The generated TypeScript API must equal the committed reference, so that any change
// of the JS API shows up in review. Refresh: UPDATE_REFERENCE=1 node --test tests/js/types.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const pkgDir = process.env.PKG_DIR ?? path.join(root, "pkg");
const reference = path.join(root, "tests/reference/consent_exchange.d.ts");

test("generated .d.ts matches tests/reference/consent_exchange.d.ts", () => {
  const generated = readFileSync(path.join(pkgDir, "bundler/consent_exchange.d.ts"), "utf8");
  if (process.env.UPDATE_REFERENCE === "1") writeFileSync(reference, generated);
  const committed = readFileSync(reference, "utf8");
  assert.equal(generated, committed, "the JS API changed: review it, then refresh with UPDATE_REFERENCE=1");
});

test("every target declares the same API", () => {
  const strip = (text) => text.replace(/export type InitInput[\s\S]*$/m, "").replace(/\s+$/, "");
  const bundler = strip(readFileSync(path.join(pkgDir, "bundler/consent_exchange.d.ts"), "utf8"));
  const node = strip(readFileSync(path.join(pkgDir, "node/consent_exchange.d.ts"), "utf8"));
  assert.equal(node, bundler);
  const web = readFileSync(path.join(pkgDir, "web/consent_exchange.d.ts"), "utf8");
  for (const name of ["checkConsentReceipt", "finicityExchange", "tokenExchange", "ReceiptCheck"]) {
    assert.ok(web.includes(name), `web declares ${name}`);
  }
});
