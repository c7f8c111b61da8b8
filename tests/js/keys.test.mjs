// Derived idempotency keys are one function of the request, whichever SHA-256 computes
// them: the node build of an entry with `nodeFeatures: ["js-node"]` (npm/entries.json)
// hashes with Node's `crypto.hash` where `process.getBuiltinModule` reaches it
// (src/js/host.rs), every other build (and that node build without it) in wasm. Each
// case runs in a child process so that the hook it installs sees the module's first hash.
// Run: node --test tests/js/ (after scripts/build-pkg.sh; PKG_DIR overrides pkg/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { readFileSync } from "node:fs";
import { folderOf } from "../../scripts/pkg-manifest.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const pkgDir = process.env.PKG_DIR ?? path.join(root, "pkg");
const { entries } = JSON.parse(readFileSync(path.join(root, "npm/entries.json"), "utf8"));

const PARTNER = "https://api-sandbox.dwolla.com/exchange-partners/292317ec-e252-47d8-93c3-2d128e037aa4";
const CUSTOMER = "e3c9b3f8-2f5a-4b2a-9d4e-0c8d9a1b2c3d";

/** The key's definition (src/request/idempotency.rs), computed here independently. */
function expectedKey(method, url, body) {
  const hash = createHash("sha256");
  for (const part of [method, url, body].map((p) => Buffer.from(p, "utf8"))) {
    const length = Buffer.alloc(8);
    length.writeBigUInt64BE(BigInt(part.length));
    hash.update(length).update(part);
  }
  const hex = hash.digest("hex").slice(0, 32);
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
}

/**
 * Runs `tokenExchange` twice (two tokens) from the build in `dir` in a child process:
 * `node` loads the CommonJS build, `web` the web build with `initSync`. `hook` is
 * "count" (wraps `process.getBuiltinModule` to count `node:crypto` hashes) or "none"
 * (removes `process.getBuiltinModule` first). Returns the requests and the count.
 */
function run(dir, kind, hook) {
  const script = `
    const fs = require("node:fs"), path = require("node:path");
    let hashes = 0;
    const original = process.getBuiltinModule;
    if (${JSON.stringify(hook)} === "none") process.getBuiltinModule = undefined;
    else process.getBuiltinModule = (name) => {
      const mod = original.call(process, name);
      if (name !== "node:crypto") return mod;
      return { ...mod, hash: (...args) => { hashes++; return mod.hash(...args); } };
    };
    const dir = ${JSON.stringify(dir)};
    const lib = ${JSON.stringify(kind)} === "node" ? require(path.join(dir, "consent_exchange.js")) : null;
    const go = (lib) => {
      const requests = ["tok-1", "tok-2 with \\u00e9"].map((token) =>
        lib.tokenExchange({ partnerHref: ${JSON.stringify(PARTNER)}, customerId: ${JSON.stringify(CUSTOMER)}, token }));
      console.log(JSON.stringify({ requests, hashes }));
    };
    if (lib) go(lib);
    else import(require("node:url").pathToFileURL(path.join(dir, "consent_exchange.js")).href)
      .then((web) => { web.initSync({ module: fs.readFileSync(path.join(dir, "consent_exchange_bg.wasm")) }); go(web); });
  `;
  const child = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout);
}

const hashing = entries.filter((e) => e.nodeFeatures?.includes("js-node"));
test("the main entry's node build hashes with Node's SHA-256", () => {
  assert.ok(hashing.some((e) => e.subpath === "."), "npm/entries.json: the main entry's nodeFeatures lack js-node");
});

for (const entry of hashing) {
  const at = (target) => path.join(pkgDir, folderOf(entry, target));
  test(`${entry.name}: derived keys are the same from Node's SHA-256, the wasm one and the definition`, () => {
    const node = run(at("node"), "node", "count");
    const nodeWithout = run(at("node"), "node", "none");
    const web = run(at("web"), "web", "count");
    assert.equal(node.hashes, 2, "the node build hashes with node:crypto, once per request");
    assert.equal(web.hashes, 0, "the web build never looks for node:crypto");
    for (const [i, request] of node.requests.entries()) {
      const key = expectedKey(request.method, request.url, request.body);
      assert.equal(request.idempotencyKey, key);
      assert.equal(request.headers["Idempotency-Key"], key);
      assert.deepEqual(nodeWithout.requests[i], request, "node build without process.getBuiltinModule");
      assert.deepEqual(web.requests[i], request, "web build");
    }
    assert.notEqual(node.requests[0].idempotencyKey, node.requests[1].idempotencyKey);
  });
}
