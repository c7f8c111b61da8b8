import { execFileSync } from "node:child_process";
import { availableParallelism, cpus, loadavg } from "node:os";

function run(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "unavailable";
  }
}

/** The facts a reader needs to compare figures across machines. */
export function machine() {
  return {
    nproc: run("nproc", []) || String(availableParallelism()),
    cpu: cpus()[0]?.model?.trim() ?? "unknown",
    node: process.version,
    rustc: run("rustc", ["--version"]),
    date: new Date().toISOString().slice(0, 10),
    // Other work on the machine moves the figures: the 1-minute load average at the start.
    load: loadavg()[0].toFixed(2),
  };
}
