#!/usr/bin/env node
// An open-loop load generator: request i is due at start + i / rate whatever happened to
// the requests before it, and its latency is measured from that due time, so a stall of
// the server shows in every request that should have been sent during it (no coordinated
// omission, unlike wrk's closed loop). Run as its own process so that it can be pinned to
// a core of its own (`taskset`); bench/worker.mjs does that.
//
//   node bench/lib/openloop.mjs '{"url":..., "method":"POST", "headers":{...}, "body":"...",
//                                 "rate":2000, "durationS":10, "warmupS":2, "connections":32}'
//
// Prints one JSON object: the latencies from the due time (p50/p90/p99/p99.9/max), the
// same from the actual send (the server's part), and how well the generator kept the
// rate (achieved send rate, lag of the actual send behind the due time). A lag p99 of
// more than a millisecond means the generator, not the server, set the pace. `slow`
// lists the measured requests slower than `slowMs` (10 by default) as [due time, ms
// since the epoch; latency, ms], so that a stall can be matched with what the server
// did at that time.
import http from "node:http";

const cfg = JSON.parse(process.argv[2]);
const { rate, durationS, warmupS = 0, connections = 32, slowMs = 10 } = cfg;
const url = new URL(cfg.url);
const body = cfg.body ? Buffer.from(cfg.body) : null;
const headers = { ...cfg.headers, ...(body ? { "Content-Length": String(body.length) } : {}) };
// Requests wait in the agent's queue when every connection is busy: their latency keeps
// counting from the due time, as a user's would.
const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });

const interval = 1000 / rate;
const total = Math.round(rate * (warmupS + durationS));
const measuredFrom = Math.round(rate * warmupS);
const fromDue = [];
const fromSend = [];
const lag = [];
const slow = [];
let statusOther = 0;
let errors = 0;
let done = 0;
let sent = 0;
let firstSendAt = 0;
let lastSendAt = 0;

function send(i, due) {
  const at = performance.now();
  if (i === measuredFrom) firstSendAt = at;
  lastSendAt = at;
  const req = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: cfg.method ?? "GET", headers, agent }, (res) => {
    res.on("data", () => {});
    res.on("end", () => {
      const end = performance.now();
      if (i >= measuredFrom) {
        if (res.statusCode < 200 || res.statusCode >= 300) statusOther++;
        fromDue.push(end - due);
        if (end - due > slowMs) slow.push([performance.timeOrigin + due, end - due]);
        fromSend.push(end - at);
        lag.push(at - due);
      }
      finish();
    });
  });
  req.on("error", () => {
    if (i >= measuredFrom) errors++;
    finish();
  });
  if (body) req.end(body);
  else req.end();
}

function finish() {
  if (++done === total) report();
}

const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
function summary(xs) {
  const s = Float64Array.from(xs).sort();
  return { p50: pct(s, 50), p90: pct(s, 90), p99: pct(s, 99), p999: pct(s, 99.9), max: s[s.length - 1] ?? NaN };
}

function report() {
  agent.destroy();
  const measured = total - measuredFrom;
  const spanS = (lastSendAt - firstSendAt) / 1000;
  console.log(
    JSON.stringify({
      rate,
      durationS,
      connections,
      requests: measured,
      achievedRate: spanS > 0 ? (measured - 1) / spanS : NaN,
      non2xx: statusOther,
      errors,
      latency: summary(fromDue),
      service: summary(fromSend),
      sendLag: summary(lag),
      slow,
    }),
  );
}

// Sends everything that is due, then sleeps until the next one is due. Timers have a
// 1 ms granularity, so at thousands of requests a second sends go out in small batches
// up to ~1 ms late; that lateness counts in their latency (measured from the due time)
// and shows in `sendLag`. Spinning instead (setImmediate) would be punctual but would
// take a whole core from the sandbox, which shares the generator's core.
const start = performance.now() + 50;
function pump() {
  const now = performance.now();
  while (sent < total && start + sent * interval <= now) {
    send(sent, start + sent * interval);
    sent++;
  }
  if (sent < total) setTimeout(pump, Math.max(1, start + sent * interval - now));
}
pump();
