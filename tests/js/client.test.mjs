// `consent-exchange/client` (the web build with the core plus `WorkerClient`) in Node:
// resolved through package.json `exports`, initialized from the .wasm bytes, and run
// against a local HTTP server on 127.0.0.1 that answers like the edge worker, and
// against a port nothing listens on. gloo-net sends through the global `fetch`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import http from "node:http";
import net from "node:net";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const pkgDir = process.env.PKG_DIR ?? path.join(root, "pkg");
// Self-reference from inside the package resolves the `./client` entry as a user's would.
const entry = createRequire(path.join(pkgDir, "package.json")).resolve("consent-exchange/client");
assert.equal(entry, path.join(pkgDir, "client", "consent_exchange.js"));
const client = await import(pathToFileURL(entry).href);
// The web target fetches its .wasm by URL; in Node it is given the bytes.
client.initSync({ module: readFileSync(path.join(path.dirname(entry), "consent_exchange_bg.wasm")) });

const { WorkerClient } = client;
const CUSTOMER = "74a207b2-b7b7-4efa-8bf8-582148e7b980";

/** Awaits a promise that must reject with an Error carrying `code`; returns the error. */
async function rejectsWith(promise, code) {
  let caught;
  await assert.rejects(promise, (e) => {
    assert.ok(e instanceof Error, `a real Error, got ${e}`);
    assert.equal(e.code, code, e.message);
    caught = e;
    return true;
  });
  return caught;
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
async function closedPort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// The fake worker records each request and answers from `routes`.
const seen = [];
const routes = {
  "GET /healthz": [200, { ok: true, version: "0.1.0" }],
  "POST /api/demo/customers": [201, {
    customer: { id: CUSTOMER, href: `https://api-sandbox.dwolla.com/customers/${CUSTOMER}` },
    sessionToken: "st_123",
    expiresAt: "2030-01-01T00:00:00Z",
  }],
  "POST /api/link-bank": [400, { error: {
    code: "InvalidReceipt", message: "the receipt is not valid", status: 400, retryable: false,
    issues: [{ path: "/receipt/customerId", code: "required", message: "missing", severity: "error" }],
    step: "exchange",
  } }],
  [`GET /api/exchanges/${CUSTOMER}`]: [502, "<html>Bad gateway</html>"],
  [`GET /api/customers/${CUSTOMER}/events`]: [200, {
    events: [{ id: "e1", topic: "customer_exchange_reauth_required", created: "2026-01-01T00:00:00Z", resourceId: "x", resourceType: "exchanges", customerId: CUSTOMER }],
    reAuthenticationRequired: ["x"],
  }],
};
let server;
let base;
before(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      const [status, answer] = routes[`${req.method} ${req.url}`] ?? [404, { error: { code: "NotFound", message: "no route", status: 404, retryable: false } }];
      res.writeHead(status, { "content-type": typeof answer === "string" ? "text/html" : "application/json" });
      res.end(typeof answer === "string" ? answer : JSON.stringify(answer));
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});
after(() => new Promise((resolve) => server.close(resolve)));

test("the client entry carries the core functions and WorkerClient in one module", () => {
  assert.equal(typeof WorkerClient, "function");
  assert.equal(typeof client.checkConsentReceipt, "function");
  const receipt = readFileSync(path.join(root, "tests/fixtures/dwolla-example-finicity.json"), "utf8");
  assert.equal(client.checkConsentReceipt(receipt, { now: "2022-07-11T06:10:00Z" }).ok, true);
});

test("an unreachable worker rejects with a retryable NetworkError", async () => {
  const api = new WorkerClient(`http://127.0.0.1:${await closedPort()}`);
  const e = await rejectsWith(api.health(), "NetworkError");
  assert.equal(e.status, 0);
  assert.equal(e.retryable, true);
  assert.match(e.message, /could not be reached/);
});

test("answers resolve to their JSON; createDemoCustomer keeps the session token", async () => {
  const api = new WorkerClient(`${base}/`);
  assert.deepEqual(await api.health(), { ok: true, version: "0.1.0" });
  assert.equal(api.sessionToken, undefined);
  const created = await api.createDemoCustomer({ firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" });
  assert.equal(created.customer.id, CUSTOMER);
  assert.equal(api.sessionToken, "st_123");
  const post = seen.find((r) => r.url === "/api/demo/customers");
  assert.deepEqual(JSON.parse(post.body), { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" });
  assert.equal(post.headers["content-type"], "application/json");
  assert.equal(post.headers.authorization, undefined);
  await api.health();
  assert.equal(seen.at(-1).headers.authorization, "Bearer st_123");
});

test("worker errors reject with their code, status, issues and step", async () => {
  const api = new WorkerClient(base, "st_123");
  const e = await rejectsWith(api.linkBank({
    finicityCustomerId: "1005061234", accountId: "5011648377", name: "Checking", bankAccountType: "checking",
  }), "InvalidReceipt");
  assert.equal(e.status, 400);
  assert.equal(e.retryable, false);
  assert.equal(e.step, "exchange");
  assert.deepEqual(e.issues.map((i) => [i.path, i.code, i.severity]), [["/receipt/customerId", "required", "error"]]);

  const html = await rejectsWith(api.getExchange(CUSTOMER), "InvalidResponse");
  assert.equal(html.status, 502);
  assert.equal(html.retryable, true);
});

test("bad arguments reject before anything is sent, with a JSON pointer", async () => {
  const api = new WorkerClient(base);
  const before = seen.length;
  const e = await rejectsWith(api.linkBank({ finicityCustomerId: "1", accountId: 2, name: "x", bankAccountType: "checking" }), "InvalidArgument");
  assert.equal(e.issues[0].path, "/accountId");
  await rejectsWith(api.createDemoCustomer(undefined), "InvalidArgument");
  assert.equal(seen.length, before, "nothing reached the worker");
});

test("customerEvents reads the kept events with the session token", async () => {
  const api = new WorkerClient(base, "st_events");
  const answer = await api.customerEvents(CUSTOMER);
  assert.deepEqual(answer.reAuthenticationRequired, ["x"]);
  assert.equal(answer.events[0].topic, "customer_exchange_reauth_required");
  const sent = seen.at(-1);
  assert.equal(`${sent.method} ${sent.url}`, `GET /api/customers/${CUSTOMER}/events`);
  assert.equal(sent.headers.authorization, "Bearer st_events");
  await rejectsWith(api.customerEvents(".."), "InvalidArgument");
});

test("path segments are escaped so an id cannot change the route", async () => {
  const api = new WorkerClient(base);
  await rejectsWith(api.getExchange("../healthz"), "NotFound");
  assert.equal(seen.at(-1).url, "/api/exchanges/%2E%2E%2Fhealthz");
  await rejectsWith(api.finicityAccounts("a/b?c#d"), "NotFound");
  assert.equal(seen.at(-1).url, "/api/finicity/customers/a%2Fb%3Fc%23d/accounts");
  // URL parsers resolve `..` even percent-encoded: such ids are refused unsent.
  const sent = seen.length;
  for (const id of ["..", ".", ""]) {
    await rejectsWith(api.getExchange(id), "InvalidArgument");
    await rejectsWith(api.createExchange(id, { token: "t" }), "InvalidArgument");
  }
  assert.equal(seen.length, sent);
});
