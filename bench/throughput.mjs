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
//   node bench/throughput.mjs [--time MS] [--json]
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

export async function measureThroughput({ time = 2000 } = {}) {
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

  const bench = new Bench({ time, warmup: true, warmupTime: 300 });
  const results = {};
  bench
    .add("consent-exchange (wasm)", () => {
      results.lib = libraryJob(api)(RECEIPT_TEXT);
    })
    .add("dwolla SDK (captured)", async () => {
      results.sdk = await sdkBuild(RECEIPT_TEXT, JOB);
    })
    .add("hand-written JS", () => {
      results.base = baselineJob(RECEIPT_TEXT);
    });
  await bench.run();
  const row = (t) => ({
    name: t.name,
    hz: t.result.throughput.mean,
    p50us: t.result.latency.p50 * 1000,
    p99us: t.result.latency.p99 * 1000,
    rme: t.result.latency.rme,
    samples: t.result.latency.samplesCount ?? t.result.latency.samples?.length,
  });
  const [libR, sdkR, baseR] = bench.tasks.map(row);
  return { target, lib: libR, sdk: sdkR, base: baseR, notes, disagreements, sdkBody, libBody: lib.body };
}

export function throughputTable(r, opts) {
  const rows = [r.lib, r.sdk, r.base].map((x) => [
    x.name,
    num(x.hz),
    num(x.p50us, 1),
    num(x.p99us, 1),
    `±${x.rme.toFixed(1)}%`,
    ratio(r.lib.hz, x.hz),
  ]);
  return table(["implementation", "ops/s", "p50 µs", "p99 µs", "rme", "consent-exchange vs this"], rows, opts);
}

async function main() {
  const args = process.argv.slice(2);
  const timeAt = args.indexOf("--time");
  const r = await measureThroughput({ time: timeAt >= 0 ? Number(args[timeAt + 1]) : 2000 });
  if (args.includes("--json")) {
    console.log(JSON.stringify(r, null, 2));
    return;
  }
  console.log(`package target loaded: ${r.target}`);
  console.log(throughputTable(r));
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
