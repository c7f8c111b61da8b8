// scripts/fresh.sh, which decides whether scripts/build-pkg.sh, worker/build.sh and
// scripts/dev.sh build again: run in bash over a temporary tree with a dep-info file
// of the shape cargo writes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const FRESH = resolve("scripts/fresh.sh");

/** Runs `script` in bash with fresh.sh sourced, ROOT = dir; its stdout. */
function sh(dir, script, env = {}) {
  return execFileSync("bash", ["-euo", "pipefail", "-c", `source "${FRESH}"\n${script}`], {
    cwd: dir,
    env: { ...process.env, ROOT: dir, CARGO_TARGET_DIR: "", ...env },
    encoding: "utf8",
  });
}

/** `touch -d` of a file, seconds after the epoch: mtimes that cannot tie. */
const at = (path, seconds) => utimesSync(path, seconds, seconds);

/** Runs `check` over a fresh tree, removed afterwards whatever happens. */
function withTree(check) {
  const t = tree();
  try {
    check(t);
  } finally {
    rmSync(t.dir, { recursive: true, force: true });
  }
}

function tree() {
  const dir = mkdtempSync(join(tmpdir(), "cx-fresh-"));
  mkdirSync(join(dir, "src"));
  mkdirSync(join(dir, "target/debug/build/w-1/out"), { recursive: true });
  const source = join(dir, "src/lib.rs");
  const generated = join(dir, "target/debug/build/w-1/out/schemas.rs");
  const extra = join(dir, "openapi.json");
  for (const f of [source, generated, extra]) writeFileSync(f, "x");
  // Spaces in paths are escaped in dep-info; the library has none here.
  const depinfo = join(dir, "target/debug/w.d");
  writeFileSync(depinfo, `${join(dir, "target/debug/w.wasm")}: ${source} ${generated}\n\n${source}:\n`);
  return { dir, source, generated, extra, depinfo, stamp: join(dir, "target/stamps/w") };
}

/** stamp_start at t=1000, the build writes at t=1010, stamp_write; then `fresh?`. */
function build(t) {
  for (const f of [t.source, t.extra]) at(f, 900);
  sh(t.dir, `stamp_start "${t.stamp}"`);
  at(`${t.stamp}.started`, 1000);
  // What the build script generates is written during the build.
  at(t.generated, 1010);
  sh(t.dir, `stamp_write "${t.stamp}" "key" "${t.depinfo}" "${t.extra}"`);
}
const fresh = (t, key = "key") => sh(t.dir, `if stamp_fresh "${t.stamp}" "${key}"; then echo fresh; else echo stale; fi`).trim();

test("a build is fresh afterwards, though its build script wrote under target/ during it", () =>
  withTree((t) => {
    build(t);
    const listed = sh(t.dir, `tail -n +2 "${t.stamp}"`).trim().split("\n");
    assert.deepEqual(listed, [t.source, t.extra]);
    assert.equal(fresh(t), "fresh");
  }));

test("an edited source, an edited extra path or another key makes it stale", () =>
  withTree((t) => {
    build(t);
    assert.equal(fresh(t, "other key"), "stale");
    at(t.source, 2000);
    assert.equal(fresh(t), "stale");
    build(t);
    at(t.extra, 2000);
    assert.equal(fresh(t), "stale");
    build(t);
    assert.equal(fresh(t), "fresh");
    assert.equal(sh(t.dir, `if FORCE_BUILD=1 stamp_fresh "${t.stamp}" key; then echo fresh; else echo stale; fi`).trim(), "stale");
  }));

test("a source edited while the build ran counts as edited", () =>
  withTree((t) => {
    build(t);
    // Saved at t=1005: after stamp_start, before the build ended.
    at(t.source, 1005);
    assert.equal(fresh(t), "stale");
  }));
