#!/usr/bin/env node
// What workerd itself leaves per request for V8's young-generation GC, whatever the
// Worker's code: two minimal plain-JS Workers next to the two workers of
// bench/worker.mjs (the exchange, with its fixtures), each under the same open-loop load
// and the same `--trace-gc-nvp` reading as section 3c. `constant` answers every request
// with a constant `Response`; `subrequest` also makes one `fetch` to the local sandbox
// (its /_admin/health) and reads the answer's text, as each benchmarked worker makes one
// upstream call per exchange. Prints, per request, the young global handles (V8's
// `nodes_*` counts: workerd reaches its API objects through them, and every scavenge
// visits each one) and the JS bytes allocated, which decide how many requests a scavenge
// comes after, and the handles per KB allocated.
//
//   node bench/handles-floor.mjs [--rate 1500] [--duration 10]
//
// The young generation is held at 1 MB (`--max-semi-space-size=1`, here only) so that
// scavenges come every few hundred requests and their counts cover all but the last few
// of them; the counts per request do not depend on when a scavenge comes. A worker's
// scavenge pause is, to the first order, handles per KB × the young generation's size
// (BENCHMARKS.md, section 3i): this says how low the handles can go.
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { freePort, stop } from "./lib/procs.mjs";
import { RUN, baselineWorkerConfig, capnp, fixture, post, resetDurableStorage, rustWorkerConfig, startSandbox, startWorkerd, text } from "./lib/workerd.mjs";
import { healthz, openLoop, scavenges } from "./worker.mjs";
import { num, table } from "./lib/table.mjs";

const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(`--${n}`) ? Number(args[args.indexOf(`--${n}`) + 1]) : d);
const rate = opt("rate", 1500);
const duration = opt("duration", 10);
const v8Flags = ["--trace-gc-nvp", "--max-semi-space-size=1"];

const WORKER = `export default {
  async fetch(req, env) {
    if (env.MODE === "subrequest") {
      const res = await fetch(env.UPSTREAM);
      await res.text();
    }
    return new Response('{"ok":true}', { status: 201, headers: { "Content-Type": "application/json" } });
  },
};
`;

mkdirSync(RUN, { recursive: true });
const path = join(RUN, "handles-floor.mjs");
writeFileSync(path, WORKER);
resetDurableStorage();
const sandbox = await startSandbox();
const rows = [];
try {
  // The exchange workers' fixtures (a session, a Finicity customer, a receipt each),
  // made through the Rust worker's API as bench/worker.mjs makes them.
  const setupPort = await freePort();
  const setup = await startWorkerd("floor-setup", rustWorkerConfig(setupPort, sandbox.url), setupPort, healthz);
  const fxRust = await fixture(setup.url, "rust");
  const fxBase = await fixture(setup.url, "baseline");
  await stop(setup.proc.child);
  // openLoop posts to /api/customers/{id}/exchanges: the minimal Workers answer any path.
  const anyPath = { customerId: "floor", token: "floor", body: {} };
  const minimal = (mode) => (port) =>
    capnp({
      port,
      modules: [{ name: "handles-floor.mjs", kind: "esModule", path }],
      bindings: [text("MODE", mode), text("UPSTREAM", `${sandbox.url}/_admin/health`)],
      v8Flags,
    });
  const sides = [
    ["minimal: constant Response", minimal("constant"), anyPath, async (base) => (await fetch(base)).ok],
    ["minimal: one subrequest", minimal("subrequest"), anyPath, async (base) => (await fetch(base)).ok],
    ["plain-JS baseline: exchange", (port) => baselineWorkerConfig(port, sandbox.url, { v8Flags }), fxBase, healthz],
    ["Rust/wasm: exchange", (port) => rustWorkerConfig(port, sandbox.url, { v8Flags }), fxRust, healthz],
  ];
  for (const [label, config, fx, probe] of sides) {
    const port = await freePort();
    const w = await startWorkerd(`floor-${rows.length}`, config(port), port, probe, { lineBuffered: true });
    try {
      if (fx !== anyPath) await post(`${w.url}/api/customers/${fx.customerId}/exchanges`, fx.body, fx.token);
      await openLoop(w.url, fx, { rate, duration: 2 });
      const mark = w.proc.stdout.length;
      const run = await openLoop(w.url, fx, { rate, duration });
      const gc = scavenges(w.proc.stdout.slice(mark));
      const n = run.requests;
      if (run.non2xx || run.errors) throw new Error(`${label}: ${run.non2xx} non-2xx answers, ${run.errors} errors`);
      rows.push([label, num(n), num(gc.count), num(gc.handleNodes / n, 2), num(gc.allocatedBytes / n), num((1024 * gc.handleNodes) / gc.allocatedBytes, 2), num(gc.medianMs, 2)]);
    } finally {
      await stop(w.proc.child);
    }
  }
} finally {
  await stop(sandbox.proc.child);
}
console.log(table(["worker", "requests", "scavenges", "young global handles/req", "JS bytes/req", "handles per KB", "median pause ms"], rows));
console.log(`\nopen loop at ${rate}/s for ${duration} s each (after 2 s of warm-up), workerd pinned as in bench/worker.mjs, young generation held at 1 MB`);
