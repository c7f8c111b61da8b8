#!/usr/bin/env node
// The worker under raw `workerd serve` (not `wrangler dev`, whose dev proxy is the
// bottleneck), next to the plain-JS baseline worker (bench/baseline-worker/), both in
// front of the same local sandbox (release build):
//   - req/s and p50/p99 latency of `POST /api/customers/{id}/exchanges` with a Finicity
//     receipt, with wrk on loopback (each worker gets its own customer and receipt; after
//     the first call the sandbox answers from its idempotency record, so the figures
//     are the workers' own overhead plus one loopback round trip);
//   - cold start: process start → first successful answer (healthz, and the exchange);
//   - wasm compile and instantiate inside workerd (a probe worker: compile = startup
//     with the wasm module minus startup without it; instantiate = in the isolate).
//
//   node bench/worker.mjs [--duration S] [--connections C] [--rounds R] [--json]
//
// Needs: worker/build (bash worker/build.sh), the sandbox release binary (built here
// with cargo when missing), workerd from node_modules, wrk.
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { findTargets } from "./size.mjs";
import { freePort, start, stop, stopAll, waitFor } from "./lib/procs.mjs";
import { num, ratio, table } from "./lib/table.mjs";

const execFileAsync = promisify(execFile);
const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH, "..");
const WORKERD = join(ROOT, "node_modules", "workerd", "bin", "workerd");
const RUN = join(ROOT, ".tools", "tmp", "bench-worker");
// The built worker measured: worker/build, or another build kept for a before/after
// comparison (CX_BENCH_WORKER_BUILD=/path/to/a/copy/of/worker/build).
const WORKER_BUILD = process.env.CX_BENCH_WORKER_BUILD || join(ROOT, "worker", "build");
const DO_STORAGE = join(RUN, "do-storage");
/** Empties the Durable Objects' storage: every run starts with no records. */
export function resetDurableStorage() {
  rmSync(DO_STORAGE, { recursive: true, force: true });
  mkdirSync(DO_STORAGE, { recursive: true });
}
const SECRETS = {
  DWOLLA_CLIENT_ID: "bench-client-id",
  DWOLLA_CLIENT_SECRET: "bench-client-secret-0123456789abcdef",
  FINICITY_APP_KEY: "bench-app-key",
  FINICITY_PARTNER_ID: "2445580000001",
  FINICITY_PARTNER_SECRET: "bench-partner-secret",
  DWOLLA_WEBHOOK_SECRET: "bench-webhook-secret",
  SESSION_SECRET: "bench-session-secret-0123456789abcdef",
  SESSION_ISSUER_KEY: "bench-issuer-key-5f0c2a9e71d84b36",
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const capnpString = (s) => JSON.stringify(s);

// workerd runs one isolate on one thread: it gets the last core to itself, and the load
// generators and the sandbox share the others, so that the generator never steals the
// isolate's CPU. With one core (or no taskset) nothing is pinned.
const NPROC = availableParallelism();
const HAVE_TASKSET = (() => {
  try {
    execFileSync("taskset", ["-c", "0", "true"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
export const CPUS = NPROC >= 2 && HAVE_TASKSET ? { isolate: String(NPROC - 1), load: NPROC === 2 ? "0" : `0-${NPROC - 2}` } : { isolate: null, load: null };
/** `[cmd, args]`, prefixed with `taskset -c cpus` when pinning is possible. */
function pinned(cpus, cmd, args) {
  return cpus ? ["taskset", ["-c", cpus, cmd, ...args]] : [cmd, args];
}

function compatibilityDate() {
  const toml = readFileSync(join(ROOT, "worker", "wrangler.toml"), "utf8");
  return /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)?.[1] ?? "2026-04-01";
}

/**
 * Modules of a built worker: the main module and, transitively, every relative module
 * it imports (`./index_bg.wasm`, ...), as wrangler would upload them. Leftovers of the
 * build (e.g. an intermediate `-opt.wasm`) are not modules of the worker.
 */
function workerModules(dir, main) {
  const out = [];
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    const path = join(dir, name);
    if (name.endsWith(".wasm")) {
      out.push({ name, path, kind: "wasm" });
      return;
    }
    out.push({ name, path, kind: "esModule" });
    const source = readFileSync(path, "utf8");
    for (const m of source.matchAll(/(?:from|import)\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      visit(join(dirname(name), m[1]).replace(/^\.\//, ""));
    }
  };
  visit(main);
  return out;
}

function capnp({ port, modules, bindings, durableObjects, flags = [], v8Flags = [] }) {
  // capnp resolves `embed` paths against the config file's folder (RUN), and treats an
  // absolute path as relative to its import path, so paths are written relative to RUN.
  const mods = modules.map((m) => `(name = ${capnpString(m.name)}, ${m.kind} = embed ${capnpString(relative(RUN, m.path))})`).join(",\n    ");
  const binds = bindings.map((b) => `(name = ${capnpString(b.name)}, ${b.value})`).join(",\n    ");
  // Durable Objects keep their storage on disk, as in production: a fresh workerd process
  // (a cold start) still finds the records the warm one wrote, such as who owns a
  // Finicity customer.
  const dos = durableObjects
    ? `durableObjectNamespaces = [ ${durableObjects.map((c) => `(className = ${capnpString(c)}, uniqueKey = ${capnpString(`bench-${c}`)}, enableSql = true)`).join(", ")} ],
  durableObjectStorage = (localDisk = "do-storage"),`
    : "";
  const storage = durableObjects ? `\n    (name = "do-storage", disk = (path = ${capnpString(DO_STORAGE)}, writable = true)),` : "";
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "loopback", network = (allow = ["local"])),${storage}
  ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
  v8Flags = [ ${v8Flags.map(capnpString).join(", ")} ],
);
const worker :Workerd.Worker = (
  modules = [
    ${mods}
  ],
  compatibilityDate = ${capnpString(compatibilityDate())},
  compatibilityFlags = [ ${flags.map(capnpString).join(", ")} ],
  bindings = [
    ${binds}
  ],
  ${dos}
  globalOutbound = "loopback",
);
`;
}

const text = (name, value) => ({ name, value: `text = ${capnpString(value)}` });

function envBindings(sandboxUrl) {
  return [
    ...Object.entries(SECRETS).map(([k, v]) => text(k, v)),
    text("DWOLLA_BASE_URL", sandboxUrl),
    text("FINICITY_BASE_URL", sandboxUrl),
    text("DWOLLA_ENVIRONMENT", "sandbox"),
    text("DEMO_MODE", "true"),
    text("ALLOWED_ORIGINS", ""),
    text("ALLOWED_REDIRECT_URLS", ""),
  ];
}

/** The worker's main module, relative to worker/build, from wrangler.toml. */
function rustMain() {
  const toml = readFileSync(join(ROOT, "worker", "wrangler.toml"), "utf8");
  return relative("build", /^main\s*=\s*"([^"]+)"/m.exec(toml)?.[1] ?? "build/index.js");
}

// A copy of worker/build taken once per run: the build folder is rewritten whenever
// anyone rebuilds, and every workerd start in one run must load the same bytes.
let buildSnapshot = null;
function snapshotBuild() {
  if (buildSnapshot) return buildSnapshot;
  const dir = join(RUN, "rust-build");
  mkdirSync(dir, { recursive: true });
  for (const m of workerModules(WORKER_BUILD, rustMain())) {
    mkdirSync(dirname(join(dir, m.name)), { recursive: true });
    copyFileSync(m.path, join(dir, m.name));
  }
  buildSnapshot = dir;
  return dir;
}

export function rustWorkerConfig(port, sandboxUrl, { v8Flags = [] } = {}) {
  const build = snapshotBuild();
  const toml = readFileSync(join(ROOT, "worker", "wrangler.toml"), "utf8");
  const main = rustMain();
  const flags = /^compatibility_flags\s*=\s*\[([^\]]*)\]/m.exec(toml)?.[1]?.match(/"[^"]+"/g)?.map((s) => s.slice(1, -1)) ?? [];
  const classes = [...toml.matchAll(/class_name\s*=\s*"([^"]+)"/g)].map((m) => m[1]);
  const bindings = [...toml.matchAll(/\[\[durable_objects\.bindings\]\]\s*name\s*=\s*"([^"]+)"\s*class_name\s*=\s*"([^"]+)"/g)].map((m) => ({
    name: m[1],
    value: `durableObjectNamespace = ${capnpString(m[2])}`,
  }));
  return capnp({
    port,
    modules: workerModules(build, main),
    bindings: [...envBindings(sandboxUrl), ...bindings],
    durableObjects: classes.length ? classes : null,
    flags,
    v8Flags,
  });
}

export function baselineWorkerConfig(port, sandboxUrl, { v8Flags = [] } = {}) {
  const modules = [
    ["baseline-worker/worker.mjs", join(BENCH, "baseline-worker", "worker.mjs")],
    ["baseline/receipt.mjs", join(BENCH, "baseline", "receipt.mjs")],
    ["baseline/json.mjs", join(BENCH, "baseline", "json.mjs")],
  ].map(([name, path]) => ({ name, path, kind: "esModule" }));
  // nodejs_compat: the baseline hashes idempotency keys with node:crypto, as in Node.
  return capnp({ port, modules, bindings: envBindings(sandboxUrl), flags: ["nodejs_compat"], v8Flags });
}

export async function startSandbox() {
  const bin = join(ROOT, "target", "release", "consent-exchange-sandbox");
  if (!existsSync(bin)) {
    console.error("building the sandbox (release) ...");
    execFileSync("cargo", ["build", "--release", "-q", "-p", "consent-exchange-sandbox"], { cwd: ROOT, stdio: "inherit" });
  }
  const env = {
    SANDBOX_DWOLLA_CLIENT_ID: SECRETS.DWOLLA_CLIENT_ID,
    SANDBOX_DWOLLA_CLIENT_SECRET: SECRETS.DWOLLA_CLIENT_SECRET,
    SANDBOX_FINICITY_APP_KEY: SECRETS.FINICITY_APP_KEY,
    SANDBOX_FINICITY_PARTNER_ID: SECRETS.FINICITY_PARTNER_ID,
    SANDBOX_FINICITY_PARTNER_SECRET: SECRETS.FINICITY_PARTNER_SECRET,
  };
  const p = await start(...pinned(CPUS.load, bin, ["--host", "127.0.0.1", "--port", "0"]), {
    env,
    name: "sandbox",
    logFile: join(RUN, "sandbox.log"),
    ready: (out) => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1],
  });
  return { proc: p, url: p.ready };
}

/**
 * Starts workerd on a config, on the isolate's core; returns the process and the ms to
 * the first `probe` success. `inspectorPort` opens the V8 inspector (CPU profiles).
 */
export async function startWorkerd(name, config, port, probe, { inspectorPort, lineBuffered = false } = {}) {
  mkdirSync(RUN, { recursive: true });
  const file = join(RUN, `${name}-${port}.capnp`);
  writeFileSync(file, config);
  const t0 = performance.now();
  const args = ["serve", file, "--experimental", ...(inspectorPort ? [`--inspector-addr=127.0.0.1:${inspectorPort}`] : [])];
  // V8 prints GC traces with stdio, fully buffered into a pipe: stdbuf makes it flush
  // each line, so that a trace is read while workerd runs.
  const [cmd, argv] = lineBuffered ? ["stdbuf", ["-oL", WORKERD, ...args]] : [WORKERD, args];
  const proc = await start(...pinned(CPUS.isolate, cmd, argv), { name: `workerd ${name}`, logFile: join(RUN, `${name}-${port}.log`) });
  let ms;
  try {
    ms = await waitFor(
      () => {
        if (proc.child.exitCode !== null || /Couldn't read file|Error compiling/.test(proc.stderr)) {
          throw Object.assign(new Error("workerd failed to load the config"), { fatal: true });
        }
        return probe(`http://127.0.0.1:${port}`);
      },
      { timeoutMs: 60_000, intervalMs: 2 },
    );
  } catch (e) {
    await stop(proc.child);
    throw new Error(`${name} did not answer: ${e.message}\n${proc.stderr.slice(-3000)}`);
  }
  return { proc, url: `http://127.0.0.1:${port}`, readyMs: performance.now() - t0, waitedMs: ms };
}

export async function post(url, body, token) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const t = await res.text();
  if (!res.ok) throw new Error(`POST ${url} → ${res.status} ${t.slice(0, 500)}`);
  return JSON.parse(t);
}

/**
 * Shares accounts the way a person would in Finicity Connect: the sandbox's Connect
 * page, first test profile's first account, with consent.
 */
export async function connectAccounts(workerUrl, finicityCustomerId, token) {
  const { link } = await post(`${workerUrl}/api/finicity/connect-url`, { customerId: finicityCustomerId }, token);
  const res = await fetch(link, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: "account=0%3A0&account=0%3A1&consent=yes&action=connect",
    redirect: "manual",
  });
  if (res.status >= 400) throw new Error(`Connect page answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
}

/** A demo customer with a session, a Finicity customer and a consent receipt, via the Rust worker. */
export async function fixture(workerUrl, tag) {
  const demo = await post(`${workerUrl}/api/demo/customers`, { firstName: "Bench", lastName: tag, email: `bench-${tag}@example.com` });
  // Finicity customers belong to the session that created them through the worker.
  const token = demo.sessionToken;
  const fin = await post(`${workerUrl}/api/finicity/customers`, { username: `bench_${tag}_${Date.now()}` }, token);
  await connectAccounts(workerUrl, fin.customerId, token);
  const accounts = await (await fetch(`${workerUrl}/api/finicity/customers/${fin.customerId}/accounts`, { headers: { Authorization: `Bearer ${token}` } })).json();
  const receipt = await post(`${workerUrl}/api/finicity/consent-receipts`, { customerId: fin.customerId, accountIds: [accounts.accounts[0].id] }, token);
  return { customerId: demo.customer.id, token: demo.sessionToken, body: { receipt: receipt.receipt } };
}

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
 */
export function scavenges(stdout) {
  const pauses = [];
  const survived = [];
  for (const line of stdout.split("\n")) {
    if (!/"gc":"s"|\bgc=s\b/.test(line)) continue;
    const pause = /"pause":([\d.]+)|\bpause=([\d.]+)/.exec(line);
    if (pause) pauses.push(Number(pause[1] ?? pause[2]));
    const rate = /"new_space_survive_rate":([\d.]+)/.exec(line);
    if (rate) survived.push(Number(rate[1]));
  }
  const s = [...pauses].sort((a, b) => a - b);
  return {
    count: pauses.length,
    medianMs: pauses.length ? median(pauses) : NaN,
    p99Ms: s.length ? s[Math.min(s.length - 1, Math.ceil(0.99 * s.length) - 1)] : NaN,
    maxMs: s.length ? s[s.length - 1] : NaN,
    totalMs: pauses.reduce((a, b) => a + b, 0),
    survivedPct: survived.length ? median(survived) : NaN,
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

async function coldStarts(name, makeConfig, sandboxUrl, fx, runs) {
  const toHealth = [];
  const toExchange = [];
  for (let i = 0; i < runs; i++) {
    const port = await freePort();
    const w = await startWorkerd(name, makeConfig(port, sandboxUrl), port, healthz);
    toHealth.push(w.readyMs);
    await stop(w.proc.child);
    const port2 = await freePort();
    const probe = async (base) => {
      const r = await fetch(`${base}/api/customers/${fx.customerId}/exchanges`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${fx.token}` },
        body: JSON.stringify(fx.body),
      });
      return r.status === 201 || r.status === 200;
    };
    const w2 = await startWorkerd(name, makeConfig(port2, sandboxUrl), port2, probe);
    toExchange.push(w2.readyMs);
    await stop(w2.proc.child);
  }
  return { healthzMs: median(toHealth), exchangeMs: median(toExchange) };
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
 * Open-loop runs at fixed fractions of the baseline's closed-loop maximum, both workers
 * alternating, on the processes the closed-loop rounds warmed up (V8 has tiered up the
 * hot code by then; a fresh process spends its first seconds compiling).
 */
async function fixedRates(rust, base, fxRust, fxBase, { baseMax, fractions, duration }) {
  const out = [];
  for (const fraction of fractions) {
    const rate = Math.round(fraction * baseMax);
    const row = { fraction, rate };
    for (const [side, w, fx] of [
      ["rust", rust, fxRust],
      ["baseline", base, fxBase],
    ]) {
      const mark = w.proc.stdout.length;
      const cpu0 = cpuMs(w.proc.child.pid);
      row[side] = await openLoop(w.url, fx, { rate, duration });
      // Warm-up requests included: the CPU and the GC trace cover the whole run.
      const sent = Math.round(rate * (duration + 2));
      row[side].cpuMsPerRequest = (cpuMs(w.proc.child.pid) - cpu0) / sent;
      row[side].gc = scavenges(w.proc.stdout.slice(mark));
      row[side].gc.per1kRequests = (1000 * row[side].gc.count) / sent;
    }
    out.push(row);
  }
  return out;
}

export async function measureWorker({ duration = 10, connections = 4, rounds = 2, coldRuns = 5, fractions = [0.5, 0.8], rateDuration = 10 } = {}) {
  if (!existsSync(WORKER_BUILD)) {
    return { skipped: "worker/build is missing: run bash worker/build.sh" };
  }
  resetDurableStorage();
  const sandbox = await startSandbox();
  try {
    // Both isolates trace their GC from the start (one line per GC, no measurable cost):
    // the fixed-rate runs read the scavenges of their own stretch of the trace.
    const gcFlags = { v8Flags: ["--trace-gc-nvp"] };
    const rustPort = await freePort();
    const rust = await startWorkerd("rust", rustWorkerConfig(rustPort, sandbox.url, gcFlags), rustPort, healthz, { lineBuffered: true });
    const basePort = await freePort();
    const base = await startWorkerd("baseline", baselineWorkerConfig(basePort, sandbox.url, gcFlags), basePort, healthz, { lineBuffered: true });
    const fxRust = await fixture(rust.url, "rust");
    const fxBase = await fixture(rust.url, "baseline");
    // One call each first: the sandbox creates the exchange; then every call replays.
    const first = await post(`${rust.url}/api/customers/${fxRust.customerId}/exchanges`, fxRust.body, fxRust.token);
    const firstBase = await post(`${base.url}/api/customers/${fxBase.customerId}/exchanges`, fxBase.body, fxBase.token);
    // Warm-up so neither side is measured with cold JIT or token caches.
    await wrk(rust.url, fxRust, { duration: 2, connections });
    await wrk(base.url, fxBase, { duration: 2, connections });
    const runs = { rust: [], baseline: [] };
    const measured = async (w, fx) => {
      const cpu0 = cpuMs(w.proc.child.pid);
      const run = await wrk(w.url, fx, { duration, connections });
      run.cpuMsPerRequest = (cpuMs(w.proc.child.pid) - cpu0) / run.requests;
      return run;
    };
    for (let r = 0; r < rounds; r++) {
      runs.rust.push(await measured(rust, fxRust));
      runs.baseline.push(await measured(base, fxBase));
    }
    const best = (list) => list.reduce((a, b) => (b.rps > a.rps ? b : a));
    const fixed = await fixedRates(rust, base, fxRust, fxBase, { baseMax: best(runs.baseline).rps, fractions, duration: rateDuration });
    await stop(rust.proc.child);
    await stop(base.proc.child);
    const cold = {
      rust: await coldStarts("rust", rustWorkerConfig, sandbox.url, fxRust, coldRuns),
      baseline: await coldStarts("baseline", baselineWorkerConfig, sandbox.url, fxBase, coldRuns),
    };
    const wasm = [];
    const workerWasm = workerModules(snapshotBuild(), rustMain()).filter((m) => m.kind === "wasm");
    for (const m of workerWasm) wasm.push({ label: "worker", ...(await workerdWasm(m.path, coldRuns)) });
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
      baseline: { best: best(runs.baseline), all: runs.baseline },
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
    ["consent-exchange worker (Rust/wasm)", num(x.rps), num(x.p50, 2), num(x.p99, 2), num(x.non2xx), ratio(x.rps, b.rps), ratio(x.p99, b.p99), num(x.cpuMsPerRequest * 1000), ratio(x.cpuMsPerRequest, b.cpuMsPerRequest), num(r.cold.rust.healthzMs), num(r.cold.rust.exchangeMs), ratio(r.cold.rust.exchangeMs, r.cold.baseline.exchangeMs)],
    ["plain-JS baseline worker", num(b.rps), num(b.p50, 2), num(b.p99, 2), num(b.non2xx), "1.00x", "1.00x", num(b.cpuMsPerRequest * 1000), "1.00x", num(r.cold.baseline.healthzMs), num(r.cold.baseline.exchangeMs), "1.00x"],
  ];
  return table(
    ["worker (workerd serve)", "req/s", "p50 ms", "p99 ms", "non-2xx", "req/s vs base", "p99 vs base", "CPU µs/req", "CPU vs base", "cold → healthz ms", "cold → 201 ms", "cold 201 vs base"],
    rows,
    opts,
  );
}

/** Latency at fixed request rates, from each request's due time. */
export function fixedRateTable(r, opts) {
  const rows = [];
  for (const f of r.fixed ?? []) {
    for (const [label, x] of [
      ["Rust/wasm", f.rust],
      ["plain-JS baseline", f.baseline],
    ]) {
      rows.push([
        `${Math.round(f.fraction * 100)}% (${num(f.rate)}/s)`,
        label,
        num(x.achievedRate),
        num(x.latency.p50, 2),
        num(x.latency.p99, 2),
        num(x.latency.p999, 2),
        num(x.latency.max, 1),
        num(x.non2xx + x.errors),
        ratio(x.latency.p50, f.baseline.latency.p50),
        ratio(x.latency.p99, f.baseline.latency.p99),
        num(x.sendLag.p99, 2),
      ]);
    }
  }
  return table(
    ["rate (of baseline max)", "worker", "sent/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "errors", "p50 vs base", "p99 vs base", "generator lag p99 ms"],
    rows,
    opts,
  );
}

/** Scavenges (young-generation GCs) during the fixed-rate runs. */
export function gcTable(r, opts) {
  const rows = [];
  for (const f of r.fixed ?? []) {
    for (const [label, x] of [
      ["Rust/wasm", f.rust],
      ["plain-JS baseline", f.baseline],
    ]) {
      const g = x.gc;
      rows.push([`${Math.round(f.fraction * 100)}%`, label, num(g.count), num(g.per1kRequests, 1), num(g.medianMs, 2), num(g.maxMs, 2), num(g.totalMs, 0), num(g.survivedPct, 1), num(x.cpuMsPerRequest * 1000)]);
    }
  }
  return table(["rate", "worker", "scavenges", "per 1k requests", "median pause ms", "max pause ms", "total ms", "survived % (median)", "CPU µs/req"], rows, opts);
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
  });
  if (args.includes("--json")) {
    console.log(JSON.stringify(r, null, 2));
    return;
  }
  if (r.skipped) {
    console.log(`skipped: ${r.skipped}`);
    return;
  }
  console.log(workerTable(r));
  console.log(fixedRateTable(r));
  console.log(gcTable(r));
  for (const side of [r.rust, r.baseline]) {
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
