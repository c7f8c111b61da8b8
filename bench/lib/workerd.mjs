// Starting the measured processes for bench/worker.mjs and bench/profile-worker.mjs:
// the local sandbox (release build), and raw `workerd serve` with a generated config for
// the Rust worker (worker/build) or the plain-JS baseline (bench/baseline-worker/), the
// isolate pinned to its own core; plus the fixtures (a session, a Finicity customer and
// a consent receipt per worker) every measurement posts with.
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { start, stop, waitFor } from "./procs.mjs";
export const execFileAsync = promisify(execFile);
export const BENCH = join(dirname(fileURLToPath(import.meta.url)), "..");
export const ROOT = join(BENCH, "..");
const WORKERD = join(ROOT, "node_modules", "workerd", "bin", "workerd");
export const RUN = join(ROOT, ".tools", "tmp", "bench-worker");
// The built worker measured: worker/build, or another build kept for a before/after
// comparison (CX_BENCH_WORKER_BUILD=/path/to/a/copy/of/worker/build).
export const WORKER_BUILD = process.env.CX_BENCH_WORKER_BUILD || join(ROOT, "worker", "build");
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

export const median = (xs) => {
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
export function pinned(cpus, cmd, args) {
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
export function workerModules(dir, main) {
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

export function capnp({ port, modules, bindings, durableObjects, flags = [], v8Flags = [] }) {
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

export const text = (name, value) => ({ name, value: `text = ${capnpString(value)}` });

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
export function rustMain() {
  const toml = readFileSync(join(ROOT, "worker", "wrangler.toml"), "utf8");
  return relative("build", /^main\s*=\s*"([^"]+)"/m.exec(toml)?.[1] ?? "build/index.js");
}

// A copy of a worker build taken once per run: the build folder is rewritten whenever
// anyone rebuilds, and every workerd start in one run must load the same bytes.
const buildSnapshots = new Map();
export function snapshotBuild(source = WORKER_BUILD) {
  if (buildSnapshots.has(source)) return buildSnapshots.get(source);
  const dir = join(RUN, buildSnapshots.size ? `rust-build-${buildSnapshots.size}` : "rust-build");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const m of workerModules(source, rustMain())) {
    mkdirSync(dirname(join(dir, m.name)), { recursive: true });
    copyFileSync(m.path, join(dir, m.name));
  }
  buildSnapshots.set(source, dir);
  return dir;
}

/** The Rust worker's config; `build` is the built worker measured (default worker/build). */
export function rustWorkerConfig(port, sandboxUrl, { v8Flags = [], build = WORKER_BUILD } = {}) {
  const dir = snapshotBuild(build);
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
    modules: workerModules(dir, main),
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
  // Its owner records live in a Durable Object stored like the Rust worker's.
  return capnp({
    port,
    modules,
    bindings: [...envBindings(sandboxUrl), { name: "OWNERS", value: `durableObjectNamespace = ${capnpString("Owners")}` }],
    durableObjects: ["Owners"],
    flags: ["nodejs_compat"],
    v8Flags,
  });
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

