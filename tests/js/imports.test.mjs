// scripts/short-imports.mjs: the functions a build imports from its glue get short names,
// the same in the .wasm and in the glue. Checked on a module made here (renamed, still
// valid, glue and wasm agreeing; a glue that does not name an import stops the build) and
// on every target of the built package (pkg/), where the consumers lane also runs them.
// Run: node --test tests/js/ (after scripts/build-pkg.sh; PKG_DIR overrides pkg/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { folderOf } from "../../scripts/pkg-manifest.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const pkgDir = process.env.PKG_DIR ?? path.join(root, "pkg");
const script = path.join(root, "scripts/short-imports.mjs");
const GLUE = "./consent_exchange_bg.js";

const leb = (n) => {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};
const str = (s) => [...leb(Buffer.byteLength(s)), ...Buffer.from(s)];
const section = (id, body) => [id, ...leb(body.length), ...body];

/** A module importing `names` from the glue and a memory from "env", exporting `run`,
 * which calls each import once, in order. */
function module(names) {
  const type = section(1, [1, 0x60, 0, 0]);
  const imports = section(2, [
    names.length + 1,
    ...names.flatMap((n) => [...str(GLUE), ...str(n), 0x00, 0]),
    ...str("env"), ...str("memory"), 0x02, 0x00, 1,
  ]);
  const funcs = section(3, [1, 0]);
  const exports = section(7, [1, ...str("run"), 0x00, names.length]);
  const body = [0, ...names.flatMap((_, i) => [0x10, i]), 0x0b];
  const code = section(10, [1, ...leb(body.length), ...body]);
  return Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...type, ...imports, ...funcs, ...exports, ...code]);
}

function scratch(names, glue) {
  const dir = mkdtempSync(path.join(tmpdir(), "short-imports-"));
  writeFileSync(path.join(dir, "consent_exchange_bg.wasm"), module(names));
  writeFileSync(path.join(dir, "consent_exchange.js"), glue);
  return dir;
}

test("a module's glue imports are renamed in the wasm and the glue alike", async () => {
  const names = ["__wbg_log_0123456789abcdef", "__wbindgen_init_externref_table"];
  const glue = `export const imports = { "${GLUE}": { ${names.map((n, i) => `${n}: () => calls.push(${i})`).join(", ")} } };\n` +
    "export const calls = []; const __wbg_log_0123456789abcdefX = 1;\n";
  const dir = scratch(names, glue);
  try {
    const run = spawnSync(process.execPath, [script, dir], { encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    const bytes = readFileSync(path.join(dir, "consent_exchange_bg.wasm"));
    const mod = new WebAssembly.Module(bytes);
    const renamed = WebAssembly.Module.imports(mod).filter((i) => i.module === GLUE).map((i) => i.name);
    assert.deepEqual(renamed, ["__0", "__1"]);
    assert.deepEqual(WebAssembly.Module.imports(mod).find((i) => i.module === "env").name, "memory");
    assert.deepEqual(WebAssembly.Module.exports(mod).map((e) => e.name), ["run"]);
    const text = readFileSync(path.join(dir, "consent_exchange.js"), "utf8");
    // Whole names only: a longer identifier that starts like one is left alone.
    assert.match(text, /__wbg_log_0123456789abcdefX = 1/);
    const glueModule = await import(`data:text/javascript,${encodeURIComponent(text)}`);
    const memory = new WebAssembly.Memory({ initial: 1 });
    const instance = new WebAssembly.Instance(mod, { ...glueModule.imports, env: { memory } });
    instance.exports.run();
    assert.deepEqual(glueModule.calls, [0, 1], "each import still reaches its own JS function");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a glue that does not name one of the imports stops the build", () => {
  const dir = scratch(["__wbg_a_0123456789abcdef", "__wbg_b_0123456789abcdef"], "export const x = { __wbg_a_0123456789abcdef() {} };\n");
  try {
    const run = spawnSync(process.execPath, [script, dir], { encoding: "utf8" });
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /imports the glue does not name: __wbg_b_0123456789abcdef/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const { entries } = JSON.parse(readFileSync(path.join(root, "npm/entries.json"), "utf8"));
for (const entry of entries) {
  for (const target of entry.targets) {
    const dir = path.join(pkgDir, folderOf(entry, target));
    test(`pkg/${folderOf(entry, target)}: short import names, each one in its glue`, { skip: !existsSync(path.join(dir, "consent_exchange_bg.wasm")) && "not built" }, () => {
      const mod = new WebAssembly.Module(readFileSync(path.join(dir, "consent_exchange_bg.wasm")));
      const glue = readdirSync(dir).filter((f) => f.endsWith(".js")).map((f) => readFileSync(path.join(dir, f), "utf8")).join("\n");
      const imports = WebAssembly.Module.imports(mod).filter((i) => i.kind === "function");
      assert.ok(imports.length > 0);
      for (const { name } of imports) {
        assert.match(name, /^__[0-9a-z]+$/, `${name}: not renamed (a --dev build?)`);
        assert.match(glue, new RegExp(`\\b${name}\\b`), `${name} is not in the glue`);
      }
    });
  }
}
