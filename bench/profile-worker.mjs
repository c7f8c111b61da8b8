#!/usr/bin/env node
// A V8 CPU profile of one worker under open-loop load: workerd serve with
// `--inspector-addr`, the Profiler domain over the inspector's WebSocket, load from
// bench/lib/openloop.mjs at a fixed rate. Writes a .cpuprofile (Chrome DevTools loads
// it) and prints where the isolate's time went: self time by function and by kind
// (wasm, JS glue, runtime built-ins, GC, idle).
//
//   node bench/profile-worker.mjs [--worker rust|baseline] [--rate 1500] [--duration 10]
//                                 [--out FILE] [--top 40] [--cold [--healthz] [--compilation]]
//                                 [--heap] [--v8-flags FLAG,FLAG]
//   node bench/profile-worker.mjs --read FILE [--top 40]
//
// --heap samples the isolate's JS allocations under the same load instead (the
// HeapProfiler domain, one sample per 512 bytes on average), keeping the samples of
// objects a full GC collected and dropping those a scavenge did: what the load leaves
// in the old generation, which full GCs then mark and sweep, in bytes per request by
// allocating function (with two callers). Objects still in the young generation when
// sampling stops count too: at the default size that is up to a young generation's
// worth of garbage, so hold it small (--v8-flags --max-semi-space-size=1) for a clean
// figure. --v8-flags passes V8 flags to the profiled workerd (experiments only: a
// deployed Worker sets none).
//
// --cold profiles a fresh process's first request instead (the exchange, to its 201;
// with --healthz, GET /healthz): the profiler starts as soon as the inspector answers,
// before anything reached the worker.
//
// --compilation (with --cold, Rust worker) lists what V8 compiled for that first request
// instead, from a fresh process without the inspector run with
// `--trace-wasm-compilation-times`: the functions its baseline compiler (Liftoff)
// compiled lazily, and those its optimising compiler (TurboFan) tiered up, by name. On
// workerd's one core an optimising compile is time the request waits for, though the
// CPU profile charges it to whatever wasm function was running.
//
// --out defaults to .tools/tmp/bench-worker/<worker>-<rate>.cpuprofile (ignored by git).
// --read summarises a profile written earlier (no workerd started).
//
// The inspector listens on 127.0.0.1:(38830 + CX_PORT_OFFSET).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { spawnSync } from "node:child_process";
import { freePort, stop, stopAll } from "./lib/procs.mjs";
import { baselineWorkerConfig, resetDurableStorage, fixture, healthz, openLoop, post, rustWorkerConfig, startSandbox, startWorkerd } from "./worker.mjs";
import { demangle, readModule } from "./lib/wasm-names.mjs";
import { RUN, WORKER_BUILD, rustMain, workerModules } from "./lib/workerd.mjs";

if (typeof WebSocket === "undefined") {
  // Node 20 has a WebSocket client behind a flag.
  const r = spawnSync(process.execPath, ["--experimental-websocket", "--no-warnings", ...process.argv.slice(1)], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}

const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(`--${n}`) ? args[args.indexOf(`--${n}`) + 1] : d);
const which = opt("worker", "rust");
const rate = Number(opt("rate", 1500));
const duration = Number(opt("duration", 10));
const top = Number(opt("top", 40));
const inspectorPort = 38830 + Number(process.env.CX_PORT_OFFSET ?? 0);
// By default beside the other benchmark scratch files, never in the tree.
const out = opt("out", join(RUN, `${which}-${rate}.cpuprofile`));

/** A minimal CDP session: numbered commands, answers matched by id. */
async function cdp(url) {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  let next = 1;
  const waiting = new Map();
  ws.onmessage = (ev) => {
    const msg = JSON.parse(ev.data);
    if (msg.id && waiting.has(msg.id)) {
      const { resolve, reject } = waiting.get(msg.id);
      waiting.delete(msg.id);
      if (msg.error) reject(new Error(JSON.stringify(msg.error)));
      else resolve(msg.result);
    }
  };
  return {
    send: (method, params = {}) =>
      new Promise((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve, reject });
        ws.send(JSON.stringify({ id, method, params }));
      }),
    close: () => ws.close(),
  };
}

/** Self time per node of a CPU profile, summed by function and by kind. */
function summarize(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  // timeDeltas[i] is the time from sample i-1 to sample i: a sample lasts until the next
  // one (as DevTools counts it), so sample i gets timeDeltas[i + 1]. Charging it
  // timeDeltas[i] instead gives a function the gap before it (a GC pause, a wait) and
  // made a 0.2% function look like 2.5%.
  const dt = profile.timeDeltas;
  const last = profile.samples.length - 1;
  for (let i = 0; i <= last; i++) {
    const us = i < last ? dt[i + 1] : profile.endTime - (profile.startTime + dt.reduce((a, b) => a + b, 0));
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + Math.max(0, us ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fns = new Map();
  const kinds = new Map();
  for (const [id, us] of self) {
    const n = byId.get(id);
    const f = n.callFrame;
    const name = f.functionName || "(anonymous)";
    const key = `${name}  ${f.url ? f.url.replace(/^.*\//, "") : ""}${f.url ? `:${f.lineNumber + 1}` : ""}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
    const kind =
      name === "(garbage collector)" ? "GC" :
      name === "(idle)" ? "idle" :
      name === "(program)" ? "program (workerd/V8 native)" :
      /\.wasm|wasm-function|^\$/.test(f.url + name) || f.url?.startsWith("wasm://") ? "wasm" :
      f.url ? "JS" : "built-ins / runtime API";
    kinds.set(kind, (kinds.get(kind) ?? 0) + us);
  }
  const pct = (us) => `${((100 * us) / total).toFixed(1)}%`;
  console.log(`\nprofile: ${(total / 1e6).toFixed(2)} s sampled\n\nby kind:`);
  for (const [k, us] of [...kinds].sort((a, b) => b[1] - a[1])) console.log(`  ${pct(us).padStart(6)}  ${k}`);
  console.log(`\ntop ${top} functions by self time:`);
  for (const [k, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us).padStart(6)}  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`);
}

/**
 * The inspector's debugging target (the isolate), or null while workerd lists none yet:
 * its /json/list answers as soon as it listens, at first with an empty list.
 */
async function inspectorTarget(base) {
  const list = await (await fetch(`${base}/json/list`)).json();
  return list.find((t) => t.webSocketDebuggerUrl) ?? null;
}

/** A CDP session with the isolate behind the inspector at `base`. */
async function isolateSession(base) {
  let target = await inspectorTarget(base);
  for (let tries = 0; !target && tries < 100; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    target = await inspectorTarget(base);
  }
  if (!target) throw new Error(`${base}/json/list lists no isolate`);
  return cdp(target.webSocketDebuggerUrl.replace("localhost", "127.0.0.1"));
}

/**
 * Allocation sampling under load, keeping the samples of objects that survived every
 * scavenge (allocated in, or promoted to, the old generation) and died there or live on.
 */
async function heapProfile(session, w, fx, v8Flags) {
  await session.send("HeapProfiler.enable");
  await openLoop(w.url, fx, { rate, duration: 2, warmup: 0 });
  await session.send("HeapProfiler.startSampling", {
    samplingInterval: 512,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: false,
  });
  const load = await openLoop(w.url, fx, { rate, duration, warmup: 0 });
  const { profile } = await session.send("HeapProfiler.stopSampling");
  session.close();
  const requests = load.requests;
  const bySite = new Map();
  let total = 0;
  const frameName = (f) => `${f.functionName || "(anonymous)"}${f.url ? ` ${f.url.replace(/^.*\//, "")}:${f.lineNumber + 1}:${f.columnNumber + 1}` : ""}`;
  const visit = (node, callers) => {
    const stack = [frameName(node.callFrame), ...callers].slice(0, 3);
    if (node.selfSize) {
      const key = stack.join(" <- ");
      bySite.set(key, (bySite.get(key) ?? 0) + node.selfSize);
      total += node.selfSize;
    }
    for (const child of node.children ?? []) visit(child, stack);
  };
  visit(profile.head, []);
  const flags = v8Flags.length ? ` (V8 flags: ${v8Flags.join(" ")})` : "";
  console.log(`${which} at ${rate}/s for ${duration} s${flags}: p99 ${load.latency.p99.toFixed(2)} ms; errors ${load.non2xx + load.errors}`);
  console.log(`sampled allocations that outlived the young generation: ${(total / requests).toFixed(0)} B per request (${requests} requests)\n`);
  for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`  ${(bytes / requests).toFixed(0).padStart(6)} B/req  ${site.slice(0, 200)}`);
  }
}

/** The first request of a fresh workerd process, profiled from before it arrives. */
async function coldProfile(config, port, fx) {
  const inspector = `http://127.0.0.1:${inspectorPort}`;
  const w = startWorkerd(`${which}-cold`, config, port, () => inspectorTarget(inspector), { inspectorPort });
  const started = await w;
  const session = await isolateSession(inspector);
  await session.send("Profiler.enable");
  await session.send("Profiler.setSamplingInterval", { interval: 50 });
  await session.send("Profiler.start");
  const t0 = performance.now();
  const res = args.includes("--healthz")
    ? await fetch(`${started.url}/healthz`)
    : await fetch(`${started.url}/api/customers/${fx.customerId}/exchanges`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${fx.token}` },
        body: JSON.stringify(fx.body),
      });
  await res.text();
  const ms = performance.now() - t0;
  const { profile } = await session.send("Profiler.stop");
  session.close();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(profile));
  console.log(`${which}, first request of a fresh process: ${res.status} in ${ms.toFixed(1)} ms (inspector attached)`);
  console.log(`wrote ${out}`);
  summarize(profile);
  await stop(started.proc.child);
}

/** What V8 compiled for the first request of a fresh process (see --compilation). */
async function coldCompilation(port, sandboxUrl, fx) {
  const w = await startWorkerd("rust-compilation", rustWorkerConfig(port, sandboxUrl, { v8Flags: ["--trace-wasm-compilation-times"] }), port, healthz, {
    lineBuffered: true,
  });
  const before = w.proc.stdout.length;
  const res = await fetch(`${w.url}/api/customers/${fx.customerId}/exchanges`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${fx.token}` },
    body: JSON.stringify(fx.body),
  });
  await res.text();
  await new Promise((r) => setTimeout(r, 500)); // background tier-ups finish and print
  const trace = w.proc.stdout;
  await stop(w.proc.child);
  const wasm = workerModules(WORKER_BUILD, rustMain()).find((m) => m.kind === "wasm");
  const { names } = readModule(readFileSync(wasm.path));
  const name = (i) => demangle(names.get(i) ?? `function #${i}`);
  const parse = (text) => [...text.matchAll(/#(\d+) using (\w+), took (\d+) μs[^;]*; bodysize (\d+)/g)].map((m) => ({ idx: Number(m[1]), tier: m[2], us: Number(m[3]), bytes: Number(m[4]) }));
  const sum = (xs) => `${xs.length} functions, ${(xs.reduce((a, x) => a + x.bytes, 0) / 1024).toFixed(0)} KB of code, ${(xs.reduce((a, x) => a + x.us, 0) / 1000).toFixed(1)} ms`;
  for (const [label, text] of [["until /healthz answered (start-up)", trace.slice(0, before)], [`the first exchange (${res.status})`, trace.slice(before)]]) {
    const all = parse(text);
    const lift = all.filter((x) => x.tier === "Liftoff");
    const turbo = all.filter((x) => x.tier !== "Liftoff");
    console.log(`\n${label}:\n  Liftoff (lazy, first call): ${sum(lift)}\n  TurboFan (tier-up): ${sum(turbo)}`);
    for (const x of turbo.sort((a, b) => b.us - a.us)) console.log(`    ${(x.us / 1000).toFixed(1).padStart(6)} ms ${String(x.bytes).padStart(7)} B  ${name(x.idx)}`);
    console.log(`  largest lazily compiled:`);
    for (const x of lift.sort((a, b) => b.bytes - a.bytes).slice(0, Math.min(top, 15))) console.log(`    ${(x.us / 1000).toFixed(1).padStart(6)} ms ${String(x.bytes).padStart(7)} B  ${name(x.idx)}`);
  }
}

if (args.includes("--read")) {
  summarize(JSON.parse(readFileSync(opt("read"), "utf8")));
  process.exit(0);
}

try {
  resetDurableStorage();
  const sandbox = await startSandbox();
  const rp = await freePort();
  // Fixtures are made through the Rust worker (the baseline only has the exchange route).
  const fxPort = await freePort();
  const helper = await startWorkerd("rust-fixtures", rustWorkerConfig(fxPort, sandbox.url), fxPort, healthz);
  const fx = await fixture(helper.url, `profile-${which}`);
  const make = which === "rust" ? rustWorkerConfig : baselineWorkerConfig;
  if (args.includes("--cold")) {
    await post(`${helper.url}/api/customers/${fx.customerId}/exchanges`, fx.body, fx.token);
    await stop(helper.proc.child);
    if (args.includes("--compilation")) await coldCompilation(rp, sandbox.url, fx);
    else await coldProfile(make(rp, sandbox.url), rp, fx);
    process.exit(0);
  }
  const v8Flags = args.includes("--v8-flags") ? (args[args.indexOf("--v8-flags") + 1] ?? "").split(",").filter(Boolean) : [];
  const w = await startWorkerd(`${which}-profiled`, make(rp, sandbox.url, { v8Flags }), rp, healthz, { inspectorPort });
  await post(`${w.url}/api/customers/${fx.customerId}/exchanges`, fx.body, fx.token);
  const session = await isolateSession(`http://127.0.0.1:${inspectorPort}`);
  if (args.includes("--heap")) {
    await heapProfile(session, w, fx, v8Flags);
    process.exit(0);
  }
  await session.send("Profiler.enable");
  await session.send("Profiler.setSamplingInterval", { interval: 100 });
  // Warm the JIT first, then profile the measured part.
  await openLoop(w.url, fx, { rate, duration: 2, warmup: 0 });
  await session.send("Profiler.start");
  const load = await openLoop(w.url, fx, { rate, duration, warmup: 0 });
  const { profile } = await session.send("Profiler.stop");
  session.close();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(profile));
  console.log(`${which} at ${rate}/s for ${duration} s: p50 ${load.latency.p50.toFixed(2)} ms, p99 ${load.latency.p99.toFixed(2)} ms, max ${load.latency.max.toFixed(1)} ms; errors ${load.non2xx + load.errors}`);
  console.log(`wrote ${out}`);
  summarize(profile);
} finally {
  await stopAll();
}
