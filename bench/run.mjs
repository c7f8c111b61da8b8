#!/usr/bin/env node
// Every benchmark in one run, side by side, with the machine they ran on and a verdict
// per target. Bench scripts measure; they are not tests (the test lanes are).
//
//   node bench/run.mjs                      every section, plain tables
//   node bench/run.mjs --markdown           the same as Markdown (for BENCHMARKS.md)
//   node bench/run.mjs --only size,throughput
//
// Sections: size (bench/size.mjs), bounds (bench/size-bounds.mjs: what the size goals
// leave room for), throughput (bench/throughput.mjs), instantiate
// (bench/instantiate.mjs), worker (bench/worker.mjs: workerd, wrk, cold start, and the
// wasm in workerd). Build first: scripts/build-pkg.sh and bash worker/build.sh.
import { measureNodeInstantiation } from "./instantiate.mjs";
import { loadavg } from "node:os";
import { machine } from "./lib/machine.mjs";
import { num, table } from "./lib/table.mjs";
import { boundsTable, measureBounds } from "./size-bounds.mjs";
import { measureSizes, sizeTable } from "./size.mjs";
import { measureThroughput, roundsLine, throughputTable } from "./throughput.mjs";
import { basisLine, fixedRateTable, gcTable, measureWorker, stallTable, workerTable } from "./worker.mjs";

const args = process.argv.slice(2);
const markdown = args.includes("--markdown");
const onlyAt = args.indexOf("--only");
const only = onlyAt >= 0 ? new Set(args[onlyAt + 1].split(",")) : null;
const want = (s) => !only || only.has(s);
const opts = { markdown };
const heading = (t) => console.log(markdown ? `\n### ${t}\n` : `\n== ${t} ==\n`);
const verdicts = [];
const verdict = (name, ok, detail) => verdicts.push([name, ok === null ? "n/a" : ok ? "met" : "MISSED", detail]);

const m = machine();
console.log(
  `${markdown ? "" : "machine: "}${m.nproc} cores (${m.cpu}), node ${m.node}, ${m.rustc}, ${m.date}, load average ${m.load} at the start` +
    (markdown ? "  \n" : "\n") +
    `command: node bench/run.mjs${args.length ? ` ${args.join(" ")}` : ""}`,
);

let frontendVerdict = -1;
if (want("size")) {
  heading("1. Size: gzip -9 of each build target (.wasm + JS glue) vs the dwolla SDK");
  const s = await measureSizes();
  console.log(sizeTable(s, opts));
  // The main entry (`consent-exchange`, pkg/web) is what a frontend linking accounts
  // imports; `consent-exchange/all` (pkg/all/web) is the everything entry.
  const web = s.targets.find((t) => t.name === "web");
  const all = s.targets.find((t) => t.name === "all/web");
  verdict("main entry smaller than the SDK (gzip -9)", web ? web.gzip < s.sdk.gzip : null, web ? `${num(web.gzip)} B vs ${num(s.sdk.gzip)} B` : "pkg/web missing");
  verdict("everything entry ≤ 40,000 B (gzip -9)", all ? all.gzip <= 40_000 : null, all ? `${num(all.gzip)} B (consent-exchange/all, web)` : "pkg/all/web missing");
  verdict("frontend entry ≤ 30,000 B (gzip -9)", web ? web.gzip <= 30_000 : null, web ? `${num(web.gzip)} B (consent-exchange, web)` : "pkg/web missing");
  frontendVerdict = verdicts.length - 1;
}

if (want("bounds")) {
  heading("1b. What the size goals leave room for: builds without parts of the package (web, gzip -9, .wasm + glue)");
  const bounds = measureBounds({ exports: true, features: true });
  console.log(boundsTable(bounds, opts));
  const goalSet = bounds.find((r) => r.label === "the 30 KB goal's functions");
  if (frontendVerdict >= 0 && goalSet) verdicts[frontendVerdict][2] += `; the goal's own functions ${num(goalSet.total)} B (section 1b)`;
  console.log(
    "\nEach row a build through scripts/build-pkg.sh of a copy of the tree with one entry written for it; the rows below the goal's functions take out the receipt walk (the receipt parsed, nothing checked) or leave every formatted message empty: lower bounds by construction, not builds to ship. \"its own weight\": the wasm the row's build lacks against the entry it is cut from (the main entry as shipped, or the everything entry with its features listed).",
  );
}

if (want("throughput")) {
  heading("2. Throughput in Node: receipt JSON text → validate → Dwolla exchange request");
  const t = await measureThroughput({ time: 2000, rounds: 5 });
  console.log(throughputTable(t, opts));
  console.log(`\n${roundsLine(t)}; tinybench, 2 s per side and round after a warm-up round, alternating; ops/s and latencies in the table are medians of the rounds, the ratio to the baseline the median of the rounds' ratios.`);
  if (t.disagreements.length) console.log(`\nWARNING: library and baseline disagree on ${t.disagreements.length} variant(s)`);
  else console.log(`\nlibrary and hand-written baseline agree on all receipt variants (accepted bodies byte-identical).`);
  verdict("≥ 2x the dwolla SDK", t.lib.hz >= 2 * t.sdk.hz, `${(t.lib.hz / t.sdk.hz).toFixed(2)}x`);
  verdict("≥ 1.5x hand-written JS", t.base.ratio >= 1.5, `${t.base.ratio.toFixed(2)}x of its ops/s (median of the rounds' ratios)`);
}

let worker = null;
if (want("worker")) {
  heading("3. Worker under workerd serve: POST /api/customers/{id}/exchanges against the local sandbox (wrk, loopback)");
  // Fixed-rate rounds of a minute: a 10 s round holds 0-2 full GCs, and one more or less
  // moves its p99 by 2-5x (BENCHMARKS.md section 3j); a minute holds several.
  worker = await measureWorker({ duration: 10, connections: 4, rounds: 2, coldRuns: 9, rateRounds: 3, rateDuration: 60 });
  if (worker.skipped) {
    console.log(`skipped: ${worker.skipped}`);
  } else {
    console.log(workerTable(worker, opts));
    const pin = worker.cpus.isolate ? `; workerd pinned to CPU ${worker.cpus.isolate}, wrk, the generator and the sandbox to CPU ${worker.cpus.load}` : "";
    console.log(`\nwrk -t1 -c${worker.connections} -d${worker.duration}s (closed loop), best of ${worker.rounds} alternating rounds; cold start = median of ${worker.cold.rust.samples.toExchange.length} fresh workerd processes per worker, alternating${pin}`);
    heading("3b. Worker at fixed request rates (open loop, latency from each request's due time)");
    console.log(fixedRateTable(worker, opts));
    if (worker.basis) console.log(`\n${basisLine(worker)}.`);
    console.log(
      `\nbench/lib/openloop.mjs: request i due at start + i/rate, up to 32 connections, 2 s warm-up then ${worker.fixed[0]?.rust.durationS ?? "?"} s measured per worker and rate, ${worker.fixed[0]?.rounds ?? "?"} rounds with the workers alternating in each, on the workerd processes of the wrk rounds (which run with --trace-gc-nvp). A worker's row is its median-p99 round; "vs base" is the median of the rounds' ratios (both sides of a round saw the same minute). "generator lag" = actual send − due time (the generator keeping its rate).`,
    );
    heading("3c. Young-generation GC (scavenges) during the fixed-rate runs, from --trace-gc-nvp");
    console.log(gcTable(worker, opts));
    console.log(
      "\nThe same runs' slow requests (over 10 ms from their due time), grouped into stalls (requests due less than 20 ms apart), each matched with the GCs the isolate printed while it lasted:\n",
    );
    console.log(stallTable(worker, opts));
    const x = worker.rust.best;
    const b = worker.baseline.best;
    verdict("worker ≥ 0.9x baseline req/s", x.rps >= 0.9 * b.rps, `${(x.rps / b.rps).toFixed(2)}x`);
    verdict("worker p99 ≤ 1.2x baseline (wrk, closed loop)", x.p99 <= 1.2 * b.p99, `${(x.p99 / b.p99).toFixed(2)}x`);
    for (const f of worker.fixed) {
      const [rx, bx] = [f.rust.latency.p99, f.baseline.latency.p99];
      const rounds = f.rust.p99Rounds.map((v, i) => `${(v / f.baseline.p99Rounds[i]).toFixed(2)}x`).join(", ");
      verdict(`worker p99 ≤ 1.2x baseline at ${Math.round(f.fraction * 100)}% of its capacity`, f.rust.p99Ratio <= 1.2, `${f.rust.p99Ratio.toFixed(2)}x, median of the rounds (${rounds}); median rounds ${rx.toFixed(2)} vs ${bx.toFixed(2)} ms`);
    }
    const [cr, cb] = [worker.cold.rust.exchangeMs, worker.cold.baseline.exchangeMs];
    const [nr, nb] = [worker.cold.rust.notFoundMs, worker.cold.baseline.notFoundMs];
    verdict("worker cold start to first 201 ≤ 1.2x baseline", cr <= 1.2 * cb, `${(cr / cb).toFixed(2)}x (${cr.toFixed(0)} vs ${cb.toFixed(0)} ms; start-up alone, to a 404: ${nr.toFixed(0)} vs ${nb.toFixed(0)} ms)`);
  }
}

if (want("instantiate")) {
  heading("4. Wasm compile + instantiate");
  const node = await measureNodeInstantiation({ runs: 7 });
  const rows = [];
  if (node.skipped) rows.push(["Node", "—", node.skipped, "", ""]);
  else {
    rows.push([`Node ${process.version}`, "package (nodejs)", num(node.compileMs, 2), num(node.instantiateMs, 2), num(node.requireAndFirstCallMs, 2)]);
  }
  for (const w of worker?.wasm ?? []) {
    // A difference of two noisy medians can come out below zero for a small module.
    const compile = w.compileMs < 0 ? `< noise (${num(w.compileMs, 1)})` : num(w.compileMs, 1);
    rows.push(["workerd", `${w.label} (${num(w.wasmBytes)} B)`, compile, num(w.instantiateMs, 2), "—"]);
  }
  if (!worker) rows.push(["workerd", "—", "run with the worker section", "", ""]);
  console.log(table(["runtime", "wasm", "compile ms", "instantiate ms", "require + first call ms"], rows, opts));
  console.log(
    "\nNode: medians of 7 fresh processes (V8 would reuse a module compiled from the same bytes in one process)." +
      "\nworkerd: compile = median startup with the wasm module − median startup with an empty one (workerd compiles modules at load and forbids runtime compilation); instantiate = new WebAssembly.Instance inside the isolate, mean of 20.",
  );
}

console.log(`\n${markdown ? "" : "machine: "}load average at the end: ${loadavg()[0].toFixed(2)}`);
heading("Targets");
console.log(table(["target", "verdict", "measured"], verdicts, opts));
