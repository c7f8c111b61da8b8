// The package's allocator (a free list, src/js/mod.rs) gets back what a call allocated:
// rounds of calls over receipts from 1.4 KB to 400 KB, valid and not, with and without
// an error thrown, leave the wasm memory where the first round of the same calls left
// it. An allocator that fragmented or leaked would grow it round after round.
// Run: node --test tests/js/ (after scripts/build-pkg.sh; PKG_DIR overrides pkg/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const pkgDir = process.env.PKG_DIR ?? path.join(root, "pkg");

// The node build instantiates its module when it is loaded: the memory is found by
// watching that one instantiation (this file runs in a process of its own).
const memories = [];
const Instance = WebAssembly.Instance;
WebAssembly.Instance = function (module, imports) {
  const instance = new Instance(module, imports);
  for (const value of Object.values(instance.exports)) {
    if (value instanceof WebAssembly.Memory) memories.push(value);
  }
  return instance;
};
const api = createRequire(import.meta.url)(path.join(pkgDir, "node/consent_exchange.js"));
WebAssembly.Instance = Instance;

const ACCESS_KEY = readFileSync(path.join(root, "tests/fixtures/mastercard-access-key-response.json"), "utf8");
const JOB = {
  partnerHref: "https://api-sandbox.dwolla.com/exchange-partners/292317ec-e252-47d8-93c3-2d128e037aa4",
  customerId: "74a207b2-b7b7-4efa-8bf8-582148e7b980",
  // Inside the fixture's access periods; its partner is not Dwolla's, so that check is
  // skipped.
  now: "2022-03-11T00:00:00Z",
  dwollaPartnerId: "",
};
const OPTIONS = { now: JOB.now, dwollaPartnerId: "" };

test("rounds of calls leave the wasm memory at the first round's high-water mark", () => {
  assert.equal(memories.length, 1, "the node build's one wasm memory");
  const memory = memories[0];
  const response = JSON.parse(ACCESS_KEY);
  const padded = (n) => JSON.stringify({ ...response, note: "x".repeat(n) });
  const receipts = [0, 10, 1_000, 100_000, 3, 50_000, 7, 400_000].map(padded);
  const invalid = ACCESS_KEY.replace('"customerId"', '"customerIdMissing"');
  assert.notEqual(invalid, ACCESS_KEY);
  const round = () => {
    let built = 0;
    let refused = 0;
    for (let i = 0; i < 400; i++) {
      const text = i % 5 === 0 ? invalid : receipts[(i * 7) % receipts.length];
      try {
        api.finicityExchange({ receipt: text, ...JOB });
        built++;
      } catch (e) {
        assert.equal(e.code, "InvalidReceipt", e.message);
        refused++;
      }
      const checked = i % 3 ? text : invalid;
      assert.equal(api.checkConsentReceipt(checked, OPTIONS).ok, checked !== invalid);
    }
    return { built, refused };
  };
  assert.deepEqual(round(), { built: 320, refused: 80 });
  const afterFirst = memory.buffer.byteLength;
  for (let r = 0; r < 10; r++) round();
  assert.equal(memory.buffer.byteLength, afterFirst, "wasm memory grew after the first round");
});
