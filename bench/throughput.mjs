#!/usr/bin/env node
// Throughput in Node of one typical job: a consent receipt as JSON text (Finicity's
// whole accessKey response) → validated → the Dwolla create-exchange request.
//
//   consent-exchange   finicityExchange({ receipt: text, ... }) from the built package
//   dwolla SDK         JSON.parse + mapping to the SDK's types + customersExchangesCreate,
//                      with an HTTP client that captures the Request instead of sending
//   hand-written JS    bench/baseline/receipt.mjs, the same checks in plain JS
//
// Before timing, the three outputs are compared, and the library and the baseline
// are run over bench/fixtures/variants.mjs to show they accept and reject the same
// receipts with the same issue codes: a fast baseline that skipped checks would prove
// nothing.
//
//   node bench/throughput.mjs [--time MS] [--rounds N] [--json]
//
// The library and the baseline run in N alternating rounds (5 by default) of MS each;
// the table gives the median of the rounds, and each round's ops/s below it.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Bench } from "tinybench";
import { finicityExchangeFromText } from "./baseline/receipt.mjs";
import { variants } from "./fixtures/variants.mjs";
import { loadLibrary } from "./lib/pkg.mjs";
import { num, ratio, table } from "./lib/table.mjs";
import { sdkExchangeBuilder } from "./sdk/capture.mjs";

const BENCH = dirname(fileURLToPath(import.meta.url));
export const RECEIPT_TEXT = readFileSync(join(BENCH, "fixtures", "access-key-response.json"), "utf8");
export const JOB = {
  partnerHref: "https://api-sandbox.dwolla.com/exchange-partners/292317ec-e252-47d8-93c3-2d128e037aa4",
  customerId: "e3c9b3f8-2f5a-4b2a-9d4e-0c8d9a1b2c3d",
  // Fixed so the fixture's access period never expires under the benchmark.
  now: "2026-11-21T00:00:00Z",
};

// The fixture (and its variants) carry Finicity's own sandbox partner id, and the
// baseline has no recipient check, so the library's check against Dwolla's partner id
// is turned off for both to do the same work.
const libraryJob = (api) => (text) => api.finicityExchange({ receipt: text, ...JOB, dwollaPartnerId: "" });
const baselineJob = (text) => finicityExchangeFromText(text, JOB);

/** Runs the library and the baseline over every variant; returns the disagreements. */
function crossCheck(api) {
  const outcome = (f, text) => {
    try {
      const r = f(text);
      return { ok: true, body: r.body, key: r.idempotencyKey };
    } catch (e) {
      const issues = (e.issues ?? []).map((i) => `${i.severity}:${i.code}@${i.path}`).sort();
      return { ok: false, code: e.code, issues };
    }
  };
  const problems = [];
  for (const v of variants(RECEIPT_TEXT)) {
    const a = outcome(libraryJob(api), v.text);
    const b = outcome(baselineJob, v.text);
    const same = a.ok === b.ok && (a.ok ? a.body === b.body && a.key === b.key : a.code === b.code && a.issues.join() === b.issues.join());
    if (!same) problems.push({ variant: v.name, library: a, baseline: b });
  }
  return problems;
}

export async function measureThroughput({ time = 2000, rounds = 5 } = {}) {
  const { api, target } = await loadLibrary();
  const sdkBuild = sdkExchangeBuilder({ serverURL: "https://api-sandbox.dwolla.com" });

  const lib = libraryJob(api)(RECEIPT_TEXT);
  const base = baselineJob(RECEIPT_TEXT);
  const sdkReq = await sdkBuild(RECEIPT_TEXT, JOB);
  const sdkBody = await sdkReq.clone().text();
  const notes = [];
  if (lib.body !== base.body) notes.push(`library and baseline bodies differ:\n  ${lib.body}\n  ${base.body}`);
  if (lib.url !== sdkReq.url) notes.push(`SDK URL differs: ${sdkReq.url}`);
  const sdkSame = JSON.stringify(JSON.parse(sdkBody)._links) === JSON.stringify(JSON.parse(lib.body)._links);
  if (!sdkSame) notes.push("SDK _links differ");
  const disagreements = crossCheck(api);

  // The library and the baseline are measured in `rounds` alternating rounds (the order
  // flips each round) and each figure is the median over the rounds: a burst of other
  // load then costs one round of one side, not the ratio. The SDK runs once.
  const row = (t) => ({
    name: t.name,
    hz: t.result.throughput.mean,
    p50us: t.result.latency.p50 * 1000,
    p99us: t.result.latency.p99 * 1000,
    rme: t.result.latency.rme,
    samples: t.result.latency.samplesCount ?? t.result.latency.samples?.length,
  });
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const combine = (rows) => ({
    name: rows[0].name,
    hz: median(rows.map((x) => x.hz)),
    p50us: median(rows.map((x) => x.p50us)),
    p99us: median(rows.map((x) => x.p99us)),
    rme: median(rows.map((x) => x.rme)),
    samples: rows.reduce((n, x) => n + (x.samples ?? 0), 0),
    rounds: rows.map((x) => x.hz),
  });
  const libJob = () => libraryJob(api)(RECEIPT_TEXT);
  const baseJob = () => baselineJob(RECEIPT_TEXT);
  const libRows = [];
  const baseRows = [];
  // Round -1 is a warm-up that is not counted: the baseline's JIT keeps improving for a
  // few seconds (its first rounds measured 30-40% slower than its later ones).
  for (let round = -1; round < rounds; round++) {
    const bench = new Bench({ time, warmup: true, warmupTime: 300 });
    const order = round % 2 ? ["base", "lib"] : ["lib", "base"];
    for (const side of order) {
      if (side === "lib") bench.add("consent-exchange (wasm)", libJob);
      else bench.add("hand-written JS", baseJob);
    }
    await bench.run();
    if (round < 0) continue;
    for (const t of bench.tasks) (t.name === "hand-written JS" ? baseRows : libRows).push(row(t));
  }
  const sdkBench = new Bench({ time, warmup: true, warmupTime: 300 });
  sdkBench.add("dwolla SDK (captured)", async () => {
    await sdkBuild(RECEIPT_TEXT, JOB);
  });
  await sdkBench.run();
  const libR = combine(libRows);
  const baseR = combine(baseRows);
  // The ratio is the median of the rounds' ratios: both sides of a round saw the same
  // machine, which the medians of each side's ops/s do not guarantee.
  baseR.ratio = median(libRows.map((x, i) => x.hz / baseRows[i].hz));
  const sdkR = row(sdkBench.tasks[0]);
  return { target, lib: libR, sdk: sdkR, base: baseR, notes, disagreements, sdkBody, libBody: lib.body };
}

/** Each round's ops/s of the library and the baseline, and their ratio. */
export function roundsLine(r) {
  const each = r.lib.rounds.map((hz, i) => `${num(hz)} / ${num(r.base.rounds[i])} (${(hz / r.base.rounds[i]).toFixed(2)}x)`);
  return `rounds (library / hand-written JS ops/s): ${each.join(", ")}`;
}

export function throughputTable(r, opts) {
  const rows = [r.lib, r.sdk, r.base].map((x) => [
    x.name,
    num(x.hz),
    num(x.p50us, 1),
    num(x.p99us, 1),
    `±${x.rme.toFixed(1)}%`,
    x.ratio ? `${x.ratio.toFixed(2)}x` : ratio(r.lib.hz, x.hz),
  ]);
  return table(["implementation", "ops/s", "p50 µs", "p99 µs", "rme", "consent-exchange vs this"], rows, opts);
}

async function main() {
  const args = process.argv.slice(2);
  const timeAt = args.indexOf("--time");
  const roundsAt = args.indexOf("--rounds");
  const r = await measureThroughput({
    time: timeAt >= 0 ? Number(args[timeAt + 1]) : 2000,
    rounds: roundsAt >= 0 ? Number(args[roundsAt + 1]) : 5,
  });
  if (args.includes("--json")) {
    console.log(JSON.stringify(r, null, 2));
    return;
  }
  console.log(`package target loaded: ${r.target}`);
  console.log(throughputTable(r));
  console.log(roundsLine(r));
  console.log(`\nSDK vs library body (the SDK rewrites times through Date):\n  SDK: ${r.sdkBody}\n  lib: ${r.libBody}`);
  for (const n of r.notes) console.log(`note: ${n}`);
  if (r.disagreements.length) {
    console.log(`\n${r.disagreements.length} variant(s) where the library and the baseline disagree:`);
    for (const d of r.disagreements) console.log(JSON.stringify(d));
  } else {
    console.log("\nlibrary and baseline agree on every variant in bench/fixtures/variants.mjs");
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
