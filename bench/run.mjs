#!/usr/bin/env node
// Every benchmark in one run, side by side, with the machine they ran on and a verdict
// per target. Bench scripts measure; they are not tests (the test lanes are).
//
//   node bench/run.mjs                      all four sections, plain tables
//   node bench/run.mjs --markdown           the same as Markdown (for BENCHMARKS.md)
//   node bench/run.mjs --only size,throughput
//
// Sections: size (bench/size.mjs), throughput (bench/throughput.mjs), instantiate
// (bench/instantiate.mjs), worker (bench/worker.mjs: workerd, wrk, cold start, and the
// wasm in workerd). Build first: scripts/build-pkg.sh and bash worker/build.sh.
import { measureNodeInstantiation } from "./instantiate.mjs";
import { machine } from "./lib/machine.mjs";
import { num, table } from "./lib/table.mjs";
import { measureSizes, sizeTable } from "./size.mjs";
import { measureThroughput, throughputTable } from "./throughput.mjs";
import { measureWorker, workerTable } from "./worker.mjs";

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
  `${markdown ? "" : "machine: "}${m.nproc} cores (${m.cpu}), node ${m.node}, ${m.rustc}, ${m.date}` +
    (markdown ? "  \n" : "\n") +
    `command: node bench/run.mjs${args.length ? ` ${args.join(" ")}` : ""}`,
);

if (want("size")) {
  heading("1. Size: gzip -9 of each build target (.wasm + JS glue) vs the dwolla SDK");
  const s = await measureSizes();
  console.log(sizeTable(s, opts));
  const web = s.targets.find((t) => t.name === "web");
  verdict("web package smaller than the SDK (gzip -9)", web ? web.gzip < s.sdk.gzip : null, web ? `${num(web.gzip)} B vs ${num(s.sdk.gzip)} B` : "pkg/web missing");
  // The entries of one job each (scripts/build-pkg.sh): what a user of that job loads.
  const budget = (name, label, bytes) => {
    const t = s.targets.find((x) => x.name === name);
    verdict(`${label} ≤ ${num(bytes)} B (gzip -9)`, t ? t.gzip <= bytes : null, t ? `${num(t.gzip)} B` : `pkg/${name} missing`);
  };
  budget("web", "everything entry (web)", 40000);
  budget("frontend", "frontend entry (web)", 30000);
}

if (want("throughput")) {
  heading("2. Throughput in Node: receipt JSON text → validate → Dwolla exchange request");
  // Three runs on a machine that may be busy: the run with the median ratio to the
  // hand-written baseline (measured in the same run) is shown.
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await measureThroughput({ time: 3000 }));
  runs.sort((a, b) => a.lib.hz / a.base.hz - b.lib.hz / b.base.hz);
  const t = runs[1];
  console.log(throughputTable(t, opts));
  console.log(`\nmedian of 3 runs; ratios to the hand-written JS in each run: ${runs.map((r) => `${(r.lib.hz / r.base.hz).toFixed(2)}x`).join(", ")}`);
  if (t.disagreements.length) console.log(`\nWARNING: library and baseline disagree on ${t.disagreements.length} variant(s)`);
  else console.log(`\nlibrary and hand-written baseline agree on all receipt variants (accepted bodies byte-identical).`);
  verdict("≥ 2x the dwolla SDK", t.lib.hz >= 2 * t.sdk.hz, `${(t.lib.hz / t.sdk.hz).toFixed(2)}x`);
  verdict("≥ 1.5x the hand-written JS", t.lib.hz >= 1.5 * t.base.hz, `${(t.lib.hz / t.base.hz).toFixed(2)}x of its ops/s`);
}

let worker = null;
if (want("worker")) {
  heading("3. Worker under workerd serve: POST /api/customers/{id}/exchanges against the local sandbox (wrk, loopback)");
  worker = await measureWorker({ duration: 10, connections: 4, rounds: 2, coldRuns: 5 });
  if (worker.skipped) {
    console.log(`skipped: ${worker.skipped}`);
  } else {
    console.log(workerTable(worker, opts));
    console.log(`\nwrk -t1 -c${worker.connections} -d${worker.duration}s, best of ${worker.rounds} alternating rounds; cold start = median of 5 fresh workerd processes`);
    const x = worker.rust.best;
    const b = worker.baseline.best;
    verdict("worker ≥ 0.9x baseline req/s", x.rps >= 0.9 * b.rps, `${(x.rps / b.rps).toFixed(2)}x`);
    verdict("worker p99 ≤ 1.2x baseline", x.p99 <= 1.2 * b.p99, `${(x.p99 / b.p99).toFixed(2)}x`);
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

heading("Targets");
console.log(table(["target", "verdict", "measured"], verdicts, opts));
