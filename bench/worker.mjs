#!/usr/bin/env node
// The worker under raw `workerd serve` (not `wrangler dev`, whose dev proxy is the
// bottleneck), next to the plain-JS baseline worker (bench/baseline-worker/), both in
// front of the same local sandbox (release build):
//   - req/s and p50/p99 latency of `POST /api/customers/{id}/exchanges` with a Finicity
//     receipt, with wrk on loopback (each worker gets its own customer and receipt; after
//     the first call the sandbox answers from its idempotency record, so the figures
//     are the workers' own overhead plus one loopback round trip);
//   - cold start: process start → first answer of a route that does no work (a 404 for
//     an unknown API path: start-up alone), of /healthz, and first 201 of the exchange;
//   - wasm compile and instantiate inside workerd (a probe worker: compile = startup
//     with the wasm module minus startup without it; instantiate = in the isolate).
//
//   node bench/worker.mjs [--duration S] [--connections C] [--rounds R] [--cold-runs N]
//                         [--fractions 0.5,0.8] [--rate-rounds 3] [--before DIR] [--cold-only]
//                         [--v8-flags FLAG,FLAG] [--json]
//
// --v8-flags adds V8 flags to the workerd processes of the wrk and fixed-rate rounds
// (both workers alike; not the cold starts'), for experiments on what a figure depends
// on; a deployed Worker sets none, so no figure in BENCHMARKS.md's tables is measured
// with any.
// --before DIR measures a second build of the worker (a copy of an earlier worker/build)
// in the same run, alternating with the current one: a before/after comparison whose two
// sides saw the same machine. --cold-only measures the cold starts alone. --fractions
// are the fixed rates, as shares of the baseline's open-loop capacity (see `capacity`);
// "" runs none; each is run --rate-rounds times, the workers alternating.
//
// Needs: worker/build (bash worker/build.sh), the sandbox release binary (built here
// with cargo when missing), workerd from node_modules, wrk.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { findTargets } from "./size.mjs";
import { freePort, start, stop, stopAll } from "./lib/procs.mjs";
import { num, ratio, table } from "./lib/table.mjs";
import {
  BENCH, CPUS, ROOT, RUN, WORKER_BUILD, baselineWorkerConfig, capnp, execFileAsync, fixture, median, pinned, post,
  resetDurableStorage, rustMain, rustWorkerConfig, snapshotBuild, startSandbox, startWorkerd, workerModules, text,
} from "./lib/workerd.mjs";

export { CPUS, baselineWorkerConfig, connectAccounts, fixture, post, resetDurableStorage, rustWorkerConfig, startSandbox, startWorkerd } from "./lib/workerd.mjs";

async function wrk(url, fx, { duration, connections }) {
  mkdirSync(RUN, { recursive: true });
  const bodyFile = join(RUN, `body-${fx.customerId}.json`);
  writeFileSync(bodyFile, JSON.stringify(fx.body));
  const script = join(RUN, `post-${fx.customerId}.lua`);
  writeFileSync(
    script,
    `local f = io.open(${JSON.stringify(bodyFile)}, "rb")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer ${fx.token}"
`,
  );
  // Asynchronously, so that workerd's GC trace keeps being read (a full stdout pipe
  // would stall the isolate).
  const [cmd, args] = pinned(CPUS.load, "wrk", ["-t1", `-c${connections}`, `-d${duration}s`, "--latency", "-s", script, `${url}/api/customers/${fx.customerId}/exchanges`]);
  const { stdout: out } = await execFileAsync(cmd, args, { encoding: "utf8" });
  const unit = (v, u) => Number(v) * ({ us: 0.001, ms: 1, s: 1000 }[u] ?? 1);
  const pct = (p) => {
    const m = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s)`, "m").exec(out);
    return m ? unit(m[1], m[2]) : NaN;
  };
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(out);
  const socketErrors = /Socket errors: (.*)/.exec(out);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]),
    requests: Number(/(\d+) requests in/.exec(out)?.[1]),
    p50: pct(50),
    p99: pct(99),
    non2xx: errors ? Number(errors[1]) : 0,
    socketErrors: socketErrors?.[1] ?? null,
    raw: out,
  };
}

/** One open-loop run (bench/lib/openloop.mjs) at `rate` req/s, on the generator's core. */
export async function openLoop(url, fx, { rate, duration, warmup = 2, connections = 32 }) {
  const config = {
    url: `${url}/api/customers/${fx.customerId}/exchanges`,
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${fx.token}` },
    body: JSON.stringify(fx.body),
    rate,
    durationS: duration,
    warmupS: warmup,
    connections,
  };
  // Asynchronously: this process keeps reading workerd's stdout (the GC trace) meanwhile,
  // so workerd never blocks on a full pipe.
  const [cmd, args] = pinned(CPUS.load, process.execPath, [join(BENCH, "lib", "openloop.mjs"), JSON.stringify(config)]);
  const { stdout } = await execFileAsync(cmd, args, { encoding: "utf8", maxBuffer: 16 << 20 });
  return JSON.parse(stdout);
}

/**
 * Young-generation GC of an isolate from workerd's stdout under `--trace-gc-nvp`: one
 * line per GC, `GC: {"pause": ms, "gc": "s", "new_space_survive_rate": %, ...}` for a
 * scavenge (older V8s print `pause=... gc=s ...` instead; both are read).
 * `survivedBytes` sums what scavenges copied or promoted: a pause is the work of moving
 * those bytes, so per request it compares two isolates where the survive rate (a share
 * of what each allocates) does not.
 */
export function scavenges(stdout) {
  const pauses = [];
  const survived = [];
  let survivedBytes = 0;
  // What a scavenge's pause goes to besides moving bytes: workerd's API objects (Request,
  // Response, Headers, AbortSignal, streams, stubs) are reached through V8 global handles,
  // mostly weak, which every scavenge identifies and processes one by one (the
  // `scavenge.weak_global_handles.*` phases; `nodes_*` counts the young ones). Their count
  // grows with the requests since the last scavenge, while V8 schedules scavenges by the
  // bytes allocated.
  let weakHandleMs = 0;
  let handleNodes = 0;
  let allocatedBytes = 0;
  const full = [];
  for (const line of stdout.split("\n")) {
    const kind = /"gc":"(\w+)"|\bgc=(\w+)\b/.exec(line);
    if (kind && (kind[1] ?? kind[2]) !== "s") {
      // A full (mark-compact) GC: old-generation objects, the scavenges' promoted ones
      // among them.
      const p = /"pause":([\d.]+)|\bpause=([\d.]+)/.exec(line);
      if (p) full.push(Number(p[1] ?? p[2]));
      continue;
    }
    if (!kind) continue;
    const pause = /"pause":([\d.]+)|\bpause=([\d.]+)/.exec(line);
    if (pause) pauses.push(Number(pause[1] ?? pause[2]));
    const rate = /"new_space_survive_rate":([\d.]+)/.exec(line);
    if (rate) survived.push(Number(rate[1]));
    for (const field of ["semi_space_copied", "promoted"]) {
      const m = new RegExp(`"${field}":(\\d+)|\\b${field}=(\\d+)`).exec(line);
      if (m) survivedBytes += Number(m[1] ?? m[2]);
    }
    const field = (name) => {
      const m = new RegExp(`"${name.replace(/\./g, "\\.")}":([\\d.]+)`).exec(line);
      return m ? Number(m[1]) : 0;
    };
    weakHandleMs += field("scavenge.weak_global_handles.identify") + field("scavenge.weak_global_handles.process");
    handleNodes += field("nodes_died_in_new") + field("nodes_copied_in_new") + field("nodes_promoted");
    allocatedBytes += field("allocated");
  }
  const s = [...pauses].sort((a, b) => a - b);
  return {
    count: pauses.length,
    medianMs: pauses.length ? median(pauses) : NaN,
    p99Ms: s.length ? s[Math.min(s.length - 1, Math.ceil(0.99 * s.length) - 1)] : NaN,
    maxMs: s.length ? s[s.length - 1] : NaN,
    totalMs: pauses.reduce((a, b) => a + b, 0),
    survivedPct: survived.length ? median(survived) : NaN,
    survivedBytes,
    weakHandleMs,
    handleNodes,
    allocatedBytes,
    fullCount: full.length,
    fullMaxMs: full.length ? Math.max(...full) : NaN,
  };
}

/**
 * The GCs of a workerd process as they are printed (`--trace-gc-nvp`, line-buffered):
 * `[Date.now() when the line arrived, kind ("s" scavenge, "mc" mark-compact, ...),
 * pause ms]`, appended while the process runs. A line is printed when its pause ends.
 */
export function gcClock(proc) {
  const events = [];
  let rest = "";
  proc.child.stdout.on("data", (chunk) => {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop();
    const now = Date.now();
    for (const line of lines) {
      const kind = /"gc":"(\w+)"|\bgc=(\w+)\b/.exec(line);
      const pause = /"pause":([\d.]+)|\bpause=([\d.]+)/.exec(line);
      if (kind && pause) events.push([now, kind[1] ?? kind[2], Number(pause[1] ?? pause[2])]);
    }
  });
  return events;
}

/**
 * The slow requests of an open-loop run (`slow`: [due time, latency]) grouped into stalls
 * (requests due less than 20 ms apart), each matched with the GCs whose lines arrived
 * while it lasted (from 5 ms before its first request was due to 5 ms after its last
 * answer). A request caught in a stall waits for the pause and then for the backlog the
 * pause left: `amplification` is a stall's worst latency over its longest pause.
 */
export function stalls(slow, gcs) {
  const list = [];
  for (const [due, ms] of [...slow].sort((a, b) => a[0] - b[0])) {
    const last = list[list.length - 1];
    if (last && due - last.lastDue < 20) {
      last.lastDue = due;
      last.requests++;
      last.worstMs = Math.max(last.worstMs, ms);
      last.end = Math.max(last.end, due + ms);
    } else {
      list.push({ firstDue: due, lastDue: due, requests: 1, worstMs: ms, end: due + ms });
    }
  }
  for (const st of list) {
    const during = gcs.filter(([t]) => t >= st.firstDue - 5 && t <= st.end + 5);
    st.gc = during.length ? during.reduce((a, b) => (b[2] > a[2] ? b : a)) : null;
  }
  return list;
}

/** The stalls of a worker's rounds at one rate, summed. */
function stallSummary(runs) {
  const all = runs.flatMap((x) => x.stalls);
  const requests = runs.reduce((a, x) => a + x.requests, 0);
  const slow = all.reduce((a, st) => a + st.requests, 0);
  const withGc = all.filter((st) => st.gc);
  const longest = all.reduce((a, b) => (!a || b.worstMs > a.worstMs ? b : a), null);
  return {
    slowPer1k: (1000 * slow) / requests,
    inGcShare: slow ? withGc.reduce((a, st) => a + st.requests, 0) / slow : NaN,
    count: all.length,
    byScavenge: withGc.filter((st) => st.gc[1] === "s").length,
    byFull: withGc.filter((st) => st.gc[1] !== "s").length,
    amplification: withGc.length ? median(withGc.map((st) => st.worstMs / st.gc[2])) : NaN,
    longest,
  };
}

/**
 * CPU time a process has used so far (user + system, all threads), in ms: from
 * /proc/<pid>/stat, so CPU per request is measured whatever else runs on the machine.
 */
export function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 of the line, counted from the state (field 3).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export const healthz = async (base) => (await fetch(`${base}/healthz`)).ok;
/** Probe of start-up alone: an API path no route has, which both workers answer 404. */
const notFound = async (base) => {
  const res = await fetch(`${base}/api/cold-start-probe`);
  await res.arrayBuffer();
  if (res.status !== 404) throw Object.assign(new Error(`/api/cold-start-probe answered ${res.status}, not 404`), { fatal: true });
  return true;
};

/**
 * Cold starts: for each side (a worker config and its fixture), fresh workerd processes
 * timed from process start to the first 404 of an unknown API path (start-up alone: the
 * script and its wasm compiled and instantiated, a router's answer; no storage, no
 * upstream), others to the first answer of /healthz (the Rust worker's reads the
 * credentials' status from its Durable Object; the baseline's answers at once), others
 * to the first 201 of the exchange. The sides alternate within every run, so that
 * whatever else loads the machine meanwhile falls on all of them alike.
 */
async function coldStarts(sides, sandboxUrl, runs) {
  const samples = Object.fromEntries(sides.map((s) => [s.key, { toNotFound: [], toHealth: [], toExchange: [] }]));
  for (let i = 0; i < runs; i++) {
    for (const [to, probe] of [["toNotFound", notFound], ["toHealth", healthz]]) {
      for (const side of sides) {
        const port = await freePort();
        const w = await startWorkerd(side.key, side.makeConfig(port, sandboxUrl), port, probe);
        samples[side.key][to].push(w.readyMs);
        await stop(w.proc.child);
      }
    }
    for (const { key, makeConfig, fx } of sides) {
      const port = await freePort();
      const probe = async (base) => {
        const r = await fetch(`${base}/api/customers/${fx.customerId}/exchanges`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Authorization: `Bearer ${fx.token}` },
          body: JSON.stringify(fx.body),
        });
        return r.status === 201 || r.status === 200;
      };
      const w = await startWorkerd(key, makeConfig(port, sandboxUrl), port, probe);
      samples[key].toExchange.push(w.readyMs);
      await stop(w.proc.child);
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([k, s]) => [k, { notFoundMs: median(s.toNotFound), healthzMs: median(s.toHealth), exchangeMs: median(s.toExchange), samples: s }]),
  );
}

// ---- wasm in workerd ------------------------------------------------------------
const PROBE = `
import mod from "probe.wasm";
export default {
  async fetch(req) {
    const n = Number(new URL(req.url).searchParams.get("n") ?? 20);
    const imports = {};
    for (const imp of WebAssembly.Module.imports(mod)) {
      imports[imp.module] ??= {};
      if (imp.kind === "function") imports[imp.module][imp.name] = () => {};
      else if (imp.kind === "table") imports[imp.module][imp.name] = new WebAssembly.Table({ initial: 1024, element: "externref" });
      else if (imp.kind === "memory") imports[imp.module][imp.name] = new WebAssembly.Memory({ initial: 17 });
      else if (imp.kind === "global") imports[imp.module][imp.name] = new WebAssembly.Global({ value: "i32", mutable: true }, 0);
      else if (imp.kind === "tag") imports[imp.module][imp.name] = WebAssembly.JSTag ?? new WebAssembly.Tag({ parameters: ["externref"] });
    }
    const t0 = performance.now();
    for (let i = 0; i < n; i++) new WebAssembly.Instance(mod, imports);
    const ms = (performance.now() - t0) / n;
    return Response.json({ instantiateMs: ms, n });
  },
};
`;
// (module) — the smallest valid wasm, for the startup baseline.
const EMPTY_WASM = Buffer.from("0061736d01000000", "hex");

async function workerdWasm(wasmPath, runs) {
  mkdirSync(RUN, { recursive: true });
  const probeJs = join(RUN, "probe.mjs");
  writeFileSync(probeJs, PROBE);
  const empty = join(RUN, "empty.wasm");
  writeFileSync(empty, EMPTY_WASM);
  const config = (port, wasm) =>
    capnp({
      port,
      modules: [
        { name: "probe.mjs", path: probeJs, kind: "esModule" },
        { name: "probe.wasm", path: wasm, kind: "wasm" },
      ],
      bindings: [],
    });
  const ok = async (base) => {
    const r = await fetch(`${base}/?n=1`);
    if (r.status >= 500) throw Object.assign(new Error(`probe answered ${r.status}: ${await r.text()}`), { fatal: true });
    return r.ok;
  };
  const withWasm = [];
  const without = [];
  let instantiate = [];
  for (let i = 0; i < runs; i++) {
    for (const [wasm, list] of [
      [wasmPath, withWasm],
      [empty, without],
    ]) {
      const port = await freePort();
      const w = await startWorkerd("probe", config(port, wasm), port, ok);
      list.push(w.readyMs);
      if (wasm === wasmPath) instantiate.push((await (await fetch(`${w.url}/?n=20`)).json()).instantiateMs);
      await stop(w.proc.child);
    }
  }
  return {
    wasm: relative(ROOT, wasmPath),
    wasmBytes: statSync(wasmPath).size,
    compileMs: median(withWasm) - median(without),
    startupWithMs: median(withWasm),
    startupWithoutMs: median(without),
    instantiateMs: median(instantiate),
  };
}

// ---- main ------------------------------------------------------------------------
/**
 * The basis of the fixed rates: the requests per second the baseline's one core can serve
 * open loop, one second of CPU divided by the CPU it spends per request in an open-loop
 * run at half its closed-loop median. The closed loop is no basis: wrk's 4 connections
 * send requests back to back, so the isolate batches them, and its CPU per request there
 * is ~25% under what it is when requests arrive one by one over 32 connections; 80% of
 * the closed-loop rate was all of either worker's open-loop capacity, and that row
 * measured a queue, not a tail. A share of this capacity is that share of the
 * baseline's core kept busy (or a little less: the CPU per request falls as the rate
 * rises).
 */
async function capacity(w, fx, closedMedian, duration = 5) {
  const rate = Math.round(closedMedian / 2);
  const cpu0 = cpuMs(w.proc.child.pid);
  const run = await openLoop(w.url, fx, { rate, duration });
  // Warm-up requests included, as the CPU covers them.
  const sent = Math.round(rate * (duration + 2));
  const cpuMsPerRequest = (cpuMs(w.proc.child.pid) - cpu0) / sent;
  return { probeRate: rate, closedMedian, cpuMsPerRequest, perSecond: Math.round(1000 / cpuMsPerRequest), probe: run };
}

/**
 * Open-loop runs at fixed fractions of the baseline's open-loop capacity (`capacity`),
 * the workers alternating, on the processes the closed-loop rounds warmed up
 * (V8 has tiered up the hot code by then; a fresh process spends its first seconds
 * compiling). Each rate is run `rounds` times, the sides alternating within a round:
 * one 10 s run's p99 swings with the machine's minute (a GC regime, a slow stretch) by
 * more than the workers differ, so a side's figures are from its median-p99 round and
 * the ratio to the baseline is the median of the rounds' ratios (each round's sides saw
 * the same minute).
 */
async function fixedRates(sides, { baseMax, fractions, duration, rounds = 3 }) {
  const out = [];
  const clocks = Object.fromEntries(sides.map(([side, w]) => [side, gcClock(w.proc)]));
  for (const fraction of fractions) {
    const rate = Math.round(fraction * baseMax);
    const runs = Object.fromEntries(sides.map(([side]) => [side, []]));
    for (let r = 0; r < rounds; r++) {
      for (const [side, w, fx] of sides) {
        const mark = w.proc.stdout.length;
        const cpu0 = cpuMs(w.proc.child.pid);
        const run = await openLoop(w.url, fx, { rate, duration });
        // Warm-up requests included: the CPU and the GC trace cover the whole run.
        run.sent = Math.round(rate * (duration + 2));
        run.cpuMs = cpuMs(w.proc.child.pid) - cpu0;
        run.trace = w.proc.stdout.slice(mark);
        run.stalls = stalls(run.slow, clocks[side]);
        delete run.slow;
        runs[side].push(run);
      }
    }
    const row = { fraction, rate, rounds };
    for (const [side] of sides) {
      const list = runs[side];
      const byP99 = [...list].sort((a, b) => a.latency.p99 - b.latency.p99);
      const sent = list.reduce((a, x) => a + x.sent, 0);
      // The GC and CPU figures cover every round.
      const gc = scavenges(list.map((x) => x.trace).join("\n"));
      gc.per1kRequests = (1000 * gc.count) / sent;
      gc.survivedBytesPerRequest = gc.survivedBytes / sent;
      gc.handleNodesPerRequest = gc.handleNodes / sent;
      gc.allocatedBytesPerRequest = gc.allocatedBytes / sent;
      const { trace, stalls: _, ...shown } = byP99[Math.floor((byP99.length - 1) / 2)];
      row[side] = {
        ...shown,
        p99Rounds: list.map((x) => x.latency.p99),
        p99Ratio: median(list.map((x, i) => x.latency.p99 / runs.baseline[i].latency.p99)),
        p50Ratio: median(list.map((x, i) => x.latency.p50 / runs.baseline[i].latency.p50)),
        cpuMsPerRequest: list.reduce((a, x) => a + x.cpuMs, 0) / sent,
        gc,
        stalls: stallSummary(list),
      };
    }
    out.push(row);
  }
  return out;
}

/**
 * The worker section. `before` (a copy of another worker/build) adds that build as a
 * third side, measured in the same run the same way (closed loop and cold starts), for
 * a before/after comparison; `coldOnly` measures the cold starts alone.
 */
export async function measureWorker({ duration = 10, connections = 4, rounds = 2, coldRuns = 5, fractions = [0.5, 0.8], rateDuration = 10, rateRounds = 3, before = null, coldOnly = false, v8Flags = [] } = {}) {
  if (!existsSync(WORKER_BUILD)) {
    return { skipped: "worker/build is missing: run bash worker/build.sh" };
  }
  if (before && !existsSync(before)) {
    return { skipped: `the build to compare with is missing: ${before}` };
  }
  const beforeConfig = (port, url, opts = {}) => rustWorkerConfig(port, url, { ...opts, build: before });
  resetDurableStorage();
  const sandbox = await startSandbox();
  try {
    // Both isolates trace their GC from the start (one line per GC, no measurable cost):
    // the fixed-rate runs read the scavenges of their own stretch of the trace.
    // `v8Flags` (--v8-flags) adds V8 flags to the measured processes, for experiments
    // only: a deployed Worker sets none.
    const gcFlags = { v8Flags: ["--trace-gc-nvp", ...v8Flags] };
    const rustPort = await freePort();
    const rust = await startWorkerd("rust", rustWorkerConfig(rustPort, sandbox.url, gcFlags), rustPort, healthz, { lineBuffered: true });
    const fxRust = await fixture(rust.url, "rust");
    const fxBase = await fixture(rust.url, "baseline");
    const fxBefore = before ? await fixture(rust.url, "before") : null;
    // One call each first: the sandbox creates the exchange; then every call replays.
    const first = await post(`${rust.url}/api/customers/${fxRust.customerId}/exchanges`, fxRust.body, fxRust.token);
    const coldSides = [
      { key: "rust", makeConfig: rustWorkerConfig, fx: fxRust },
      ...(before ? [{ key: "before", makeConfig: beforeConfig, fx: fxBefore }] : []),
      { key: "baseline", makeConfig: baselineWorkerConfig, fx: fxBase },
    ];
    if (coldOnly) {
      for (const fx of [fxBase, fxBefore].filter(Boolean)) await post(`${rust.url}/api/customers/${fx.customerId}/exchanges`, fx.body, fx.token);
      await stop(rust.proc.child);
      return { coldOnly: true, coldRuns, cpus: CPUS, cold: await coldStarts(coldSides, sandbox.url, coldRuns) };
    }
    const basePort = await freePort();
    const base = await startWorkerd("baseline", baselineWorkerConfig(basePort, sandbox.url, gcFlags), basePort, healthz, { lineBuffered: true });
    const firstBase = await post(`${base.url}/api/customers/${fxBase.customerId}/exchanges`, fxBase.body, fxBase.token);
    let prior = null;
    if (before) {
      const port = await freePort();
      prior = await startWorkerd("before", beforeConfig(port, sandbox.url, gcFlags), port, healthz, { lineBuffered: true });
      await post(`${prior.url}/api/customers/${fxBefore.customerId}/exchanges`, fxBefore.body, fxBefore.token);
    }
    const sides = [
      ["rust", rust, fxRust],
      ...(before ? [["before", prior, fxBefore]] : []),
      ["baseline", base, fxBase],
    ];
    // Warm-up so no side is measured with cold JIT or token caches.
    for (const [, w, fx] of sides) await wrk(w.url, fx, { duration: 2, connections });
    const runs = Object.fromEntries(sides.map(([k]) => [k, []]));
    const measured = async (w, fx) => {
      const cpu0 = cpuMs(w.proc.child.pid);
      const run = await wrk(w.url, fx, { duration, connections });
      run.cpuMsPerRequest = (cpuMs(w.proc.child.pid) - cpu0) / run.requests;
      return run;
    };
    for (let r = 0; r < rounds; r++) {
      for (const [k, w, fx] of sides) runs[k].push(await measured(w, fx));
    }
    const best = (list) => list.reduce((a, b) => (b.rps > a.rps ? b : a));
    const basis = fractions.length ? await capacity(base, fxBase, median(runs.baseline.map((x) => x.rps))) : null;
    const fixed = basis ? await fixedRates(sides, { baseMax: basis.perSecond, fractions, duration: rateDuration, rounds: rateRounds }) : [];
    for (const [, w] of sides) await stop(w.proc.child);
    const cold = await coldStarts(coldSides, sandbox.url, coldRuns);
    const wasm = [];
    const workerWasm = workerModules(snapshotBuild(), rustMain()).filter((m) => m.kind === "wasm");
    for (const m of workerWasm) wasm.push({ label: "worker", ...(await workerdWasm(m.path, coldRuns)) });
    if (before) {
      for (const m of workerModules(snapshotBuild(before), rustMain()).filter((x) => x.kind === "wasm")) {
        wasm.push({ label: "worker (before)", ...(await workerdWasm(m.path, coldRuns)) });
      }
    }
    const web = findTargets().find((t) => t.name === "web");
    if (web) {
      const file = readdirSync(web.dir).find((f) => f.endsWith(".wasm"));
      wasm.push({ label: "package (web)", ...(await workerdWasm(join(web.dir, file), coldRuns)) });
    }
    return {
      duration,
      connections,
      rounds,
      sameIdempotencyKeyShape: typeof first.idempotencyKey === "string" && typeof firstBase.idempotencyKey === "string",
      rust: { best: best(runs.rust), all: runs.rust },
      ...(before ? { before: { build: before, best: best(runs.before), all: runs.before } } : {}),
      baseline: { best: best(runs.baseline), all: runs.baseline },
      basis,
      fixed,
      cpus: CPUS,
      cold,
      wasm,
    };
  } finally {
    await stopAll();
  }
}

export function workerTable(r, opts) {
  const b = r.baseline.best;
  const x = r.rust.best;
  const rows = [
    ["consent-exchange worker (Rust/wasm)", num(x.rps), num(x.p50, 2), num(x.p99, 2), num(x.non2xx), ratio(x.rps, b.rps), ratio(x.p99, b.p99), num(x.cpuMsPerRequest * 1000), ratio(x.cpuMsPerRequest, b.cpuMsPerRequest), num(r.cold.rust.notFoundMs), num(r.cold.rust.healthzMs), num(r.cold.rust.exchangeMs), ratio(r.cold.rust.exchangeMs, r.cold.baseline.exchangeMs)],
    ...(r.before
      ? [["same worker, build before", num(r.before.best.rps), num(r.before.best.p50, 2), num(r.before.best.p99, 2), num(r.before.best.non2xx), ratio(r.before.best.rps, b.rps), ratio(r.before.best.p99, b.p99), num(r.before.best.cpuMsPerRequest * 1000), ratio(r.before.best.cpuMsPerRequest, b.cpuMsPerRequest), num(r.cold.before.notFoundMs), num(r.cold.before.healthzMs), num(r.cold.before.exchangeMs), ratio(r.cold.before.exchangeMs, r.cold.baseline.exchangeMs)]]
      : []),
    ["plain-JS baseline worker", num(b.rps), num(b.p50, 2), num(b.p99, 2), num(b.non2xx), "1.00x", "1.00x", num(b.cpuMsPerRequest * 1000), "1.00x", num(r.cold.baseline.notFoundMs), num(r.cold.baseline.healthzMs), num(r.cold.baseline.exchangeMs), "1.00x"],
  ];
  return table(
    ["worker (workerd serve)", "req/s", "p50 ms", "p99 ms", "non-2xx", "req/s vs base", "p99 vs base", "CPU µs/req", "CPU vs base", "cold → 404 ms", "cold → healthz ms", "cold → 201 ms", "cold 201 vs base"],
    rows,
    opts,
  );
}

/** Cold starts alone (`--cold-only`): medians, and the spread of the runs. */
export function coldTable(r, opts) {
  const labels = { rust: "consent-exchange worker (Rust/wasm)", before: "same worker, build before", baseline: "plain-JS baseline worker" };
  const base = r.cold.baseline;
  const range = (xs) => `${num(Math.min(...xs))}-${num(Math.max(...xs))}`;
  const rows = Object.entries(r.cold).map(([k, c]) => [
    labels[k] ?? k,
    num(c.notFoundMs),
    range(c.samples.toNotFound),
    ratio(c.notFoundMs, base.notFoundMs),
    num(c.healthzMs),
    range(c.samples.toHealth),
    ratio(c.healthzMs, base.healthzMs),
    num(c.exchangeMs),
    range(c.samples.toExchange),
    ratio(c.exchangeMs, base.exchangeMs),
  ]);
  return table(["worker (workerd serve, fresh process)", "cold → 404 ms", "range", "vs base", "cold → healthz ms", "range", "vs base", "cold → 201 ms", "range", "vs base"], rows, opts);
}

/** How the fixed rates were chosen, with the figures. */
export function basisLine(r) {
  const b = r.basis;
  return `fixed rates: shares of the baseline's open-loop capacity, ${num(b.perSecond)}/s = 1 s of CPU ÷ ${num(b.cpuMsPerRequest * 1000)} µs per request in an open-loop run at ${num(b.probeRate)}/s (half its closed-loop median, ${num(b.closedMedian)}/s)`;
}

/** One row per fixed rate and worker: `row(f, label, x)` for each side a rate measured. */
function fixedRows(r, row) {
  return (r.fixed ?? []).flatMap((f) =>
    [
      ["Rust/wasm", f.rust],
      ["Rust/wasm, build before", f.before],
      ["plain-JS baseline", f.baseline],
    ]
      .filter(([, x]) => x)
      .map(([label, x]) => row(f, label, x)),
  );
}

/** Latency at fixed request rates, from each request's due time. */
export function fixedRateTable(r, opts) {
  const rows = fixedRows(r, (f, label, x) => [
    `${Math.round(f.fraction * 100)}% (${num(f.rate)}/s)`,
    label,
    num(x.achievedRate),
    num(x.latency.p50, 2),
    num(x.latency.p99, 2),
    num(x.latency.p999, 2),
    num(x.latency.max, 1),
    num(x.non2xx + x.errors),
    `${x.p50Ratio.toFixed(2)}x`,
    `${x.p99Ratio.toFixed(2)}x`,
    x.p99Rounds.map((v) => num(v, 0)).join(" / "),
    num(x.sendLag.p99, 2),
  ]);
  return table(
    ["rate (of baseline capacity)", "worker", "sent/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "errors", "p50 vs base", "p99 vs base", "p99 of each round ms", "generator lag p99 ms"],
    rows,
    opts,
  );
}

/** The fixed-rate runs' slow requests and the GC pauses their stalls began with. */
export function stallTable(r, opts) {
  const rows = fixedRows(r, (f, label, x) => {
    const st = x.stalls;
    const longest = st.longest ? `${num(st.longest.worstMs, 0)} (${st.longest.gc ? `${st.longest.gc[1]} ${num(st.longest.gc[2], 1)} ms` : "no GC"})` : "—";
    return [
      `${Math.round(f.fraction * 100)}%`,
      label,
      num(st.slowPer1k, 1),
      `${num(100 * st.inGcShare, 0)}%`,
      num(st.count),
      num(st.byScavenge),
      num(st.byFull),
      `${num(st.amplification, 1)}x`,
      longest,
    ];
  });
  return table(
    ["rate", "worker", "requests > 10 ms per 1k", "of them in a stall a GC began", "stalls", "begun by a scavenge", "begun by a full GC", "stall's worst latency ÷ its pause (median)", "longest stall ms (its GC)"],
    rows,
    opts,
  );
}

/** Scavenges (young-generation GCs) during the fixed-rate runs. */
export function gcTable(r, opts) {
  const rows = fixedRows(r, (f, label, x) => {
    const g = x.gc;
    return [`${Math.round(f.fraction * 100)}%`, label, num(g.count), num(g.per1kRequests, 1), num(g.medianMs, 2), num(g.maxMs, 2), num(g.totalMs, 0), num(g.survivedPct, 1), num(g.survivedBytesPerRequest), num(g.allocatedBytesPerRequest), num(g.handleNodesPerRequest, 1), `${num((100 * g.weakHandleMs) / g.totalMs, 0)}%`, num(g.fullCount), num(g.fullMaxMs, 2), num(x.cpuMsPerRequest * 1000)];
  });
  return table(["rate", "worker", "scavenges", "per 1k requests", "median pause ms", "max pause ms", "total ms", "survived % (median)", "survived B/req", "allocated B/req", "young global handles/req", "weak-handle phases, share of pauses", "full GCs", "max full GC ms", "CPU µs/req"], rows, opts);
}

export function workerdWasmRows(r) {
  return (r.wasm ?? []).map((w) => ({ label: w.label, compileMs: w.compileMs, instantiateMs: w.instantiateMs, bytes: w.wasmBytes }));
}

async function main() {
  const args = process.argv.slice(2);
  const opt = (n, d) => (args.includes(`--${n}`) ? Number(args[args.indexOf(`--${n}`) + 1]) : d);
  const r = await measureWorker({
    duration: opt("duration", 10),
    connections: opt("connections", 4),
    rounds: opt("rounds", 2),
    coldRuns: opt("cold-runs", 5),
    rateDuration: opt("rate-duration", 10),
    rateRounds: opt("rate-rounds", 3),
    before: args.includes("--before") ? args[args.indexOf("--before") + 1] : null,
    coldOnly: args.includes("--cold-only"),
    v8Flags: args.includes("--v8-flags") ? (args[args.indexOf("--v8-flags") + 1] ?? "").split(",").filter(Boolean) : [],
    fractions: args.includes("--fractions") ? (args[args.indexOf("--fractions") + 1] ?? "").split(",").filter(Boolean).map(Number) : [0.5, 0.8],
  });
  if (args.includes("--json")) {
    console.log(JSON.stringify(r, null, 2));
    return;
  }
  if (r.skipped) {
    console.log(`skipped: ${r.skipped}`);
    return;
  }
  if (r.coldOnly) {
    console.log(coldTable(r));
    return;
  }
  console.log(workerTable(r));
  // Every round, not only the best one: the spread says how far one figure can be trusted.
  for (const [label, side] of [["Rust/wasm", r.rust], ["build before", r.before], ["baseline", r.baseline]].filter(([, x]) => x)) {
    const cpu = side.all.map((x) => x.cpuMsPerRequest * 1000);
    console.log(`${label}: req/s ${side.all.map((x) => num(x.rps)).join(" / ")}; CPU µs/req ${cpu.map((x) => num(x)).join(" / ")} (rounds in order), median ${num(median(cpu))}`);
  }
  if (r.fixed.length) {
    console.log(basisLine(r));
    console.log(fixedRateTable(r));
    console.log(gcTable(r));
    console.log(stallTable(r));
    for (const [label, key] of [["Rust/wasm", "rust"], ["build before", "before"], ["baseline", "baseline"]].filter(([, k]) => r.fixed[0][k])) {
      const cpu = r.fixed.map((f) => f[key].cpuMsPerRequest * 1000);
      console.log(`${label} at fixed rates: CPU µs/req ${cpu.map((x) => num(x)).join(" / ")}, median ${num(median(cpu))}`);
    }
  }
  for (const side of [r.rust, r.before, r.baseline].filter(Boolean)) {
    for (const run of side.all) if (!(run.rps > 0) || run.non2xx || run.socketErrors) console.log(run.raw);
  }
  console.log(
    table(
      ["wasm in workerd", "bytes", "compile ms (startup delta)", "instantiate ms"],
      workerdWasmRows(r).map((w) => [w.label, num(w.bytes), num(w.compileMs, 1), num(w.instantiateMs, 2)]),
    ),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
