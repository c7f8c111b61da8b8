// Child processes for the benchmarks: each in its own process group (setsid-like
// `detached`), stopped by group on exit, never by name.
import { spawn } from "node:child_process";
import { mkdirSync, openSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { createServer } from "node:net";

const running = new Set();

/**
 * Starts `cmd args` detached; resolves once `ready(stdoutSoFar)` returns a value.
 * stderr goes to `logFile`, not a pipe: a server logging a line per request would
 * otherwise block on a full pipe whenever this process is busy (e.g. in a sync call).
 */
export function start(cmd, args, { env, cwd, ready, timeoutMs = 60_000, name = cmd, logFile } = {}) {
  const log = logFile ?? `/tmp/bench-${process.pid}-${running.size}-${Date.now()}.log`;
  mkdirSync(dirname(log), { recursive: true });
  const errFd = openSync(log, "w");
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, cwd, detached: true, stdio: ["ignore", "pipe", errFd] });
  running.add(child);
  child.on("exit", () => running.delete(child));
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  const readErr = () => {
    try {
      return readFileSync(log, "utf8");
    } catch {
      return "";
    }
  };
  const proc = { child, name, get stdout() { return out; }, get stderr() { return readErr(); }, stop: () => stop(child) };
  if (!ready) return Promise.resolve(proc);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop(child);
      reject(new Error(`${name} not ready in ${timeoutMs} ms:\n${out}\n${readErr()}`.slice(0, 4000)));
    }, timeoutMs);
    const check = () => {
      const v = ready(out);
      if (v !== undefined && v !== null && v !== false) {
        clearTimeout(timer);
        resolve(Object.assign(proc, { ready: v }));
      }
    };
    child.stdout.on("data", check);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before it was ready:\n${out}\n${readErr()}`.slice(0, 4000)));
    });
  });
}

/** Stops a child's whole process group and waits for it to go. */
export function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", resolve);
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      resolve();
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }, 3000).unref();
  });
}

export async function stopAll() {
  await Promise.all([...running].map(stop));
}

for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, async () => {
    await stopAll();
    process.exit(130);
  });
}
process.on("exit", () => {
  for (const c of running) {
    try {
      process.kill(-c.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
});

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `probe()` until it returns truthy; returns ms waited. */
export async function waitFor(probe, { timeoutMs = 60_000, intervalMs = 5 } = {}) {
  const t0 = performance.now();
  while (performance.now() - t0 < timeoutMs) {
    try {
      if (await probe()) return performance.now() - t0;
    } catch (e) {
      // Not up yet, unless the probe says it never will be.
      if (e?.fatal) throw e;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`not ready after ${timeoutMs} ms`);
}
