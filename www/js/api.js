// The worker's JSON API, called through the package's own typed client (WorkerClient).
// This is the only module that talks to the worker. So that every step can show the
// exact request the client sent and the exact answer it got, the page's fetch is
// observed (never altered) while a call runs; each call resolves to
// {request, status, body, raw} and a failure rejects with the client's Error (code,
// status, retryable, issues, errors, step) plus what was sent and answered.
import { loadPackage } from './package.js';

/** How the Authorization header is displayed: the token is this tab's, no need to echo it. */
const SHOWN_TOKEN = 'Bearer <session token from step 1>';

let recording = null;
let originalFetch = null;

/**
 * The worker this page talks to: the page's own origin (the worker serves it), or the
 * `?worker=URL` of the page's address (www/ served elsewhere, e.g. by a dev server).
 */
export function workerBase() {
  const given = new URLSearchParams(location.search).get('worker');
  if (!given) return location.origin;
  try {
    return new URL(given).origin;
  } catch {
    return location.origin;
  }
}

/**
 * Why a call got no answer. The browser gives the same opaque TypeError when the worker
 * is down and when it answered without CORS headers for this origin; an opaque
 * (`no-cors`) request tells the two apart: it succeeds whenever something answers.
 */
async function whyNoAnswer(base) {
  if (base === location.origin) return 'unreachable';
  try {
    await (originalFetch ?? fetch)(`${base}/healthz`, { mode: 'no-cors', cache: 'no-store' });
    return 'cors';
  } catch {
    return 'unreachable';
  }
}

/** Wraps window.fetch once; while `recording` is set, copies of requests and answers go there. */
function observeFetch() {
  if (window.fetch.observedByDemo) return;
  const original = window.fetch.bind(window);
  originalFetch = original;
  const observed = async (input, init) => {
    const log = recording;
    if (!log) return original(input, init);
    const request = new Request(input, init);
    const entry = { request: await describeRequest(request.clone()), status: 0, raw: null };
    log.push(entry);
    const response = await original(request);
    entry.status = response.status;
    entry.raw = await response.clone().text();
    return response;
  };
  observed.observedByDemo = true;
  window.fetch = observed;
}

async function describeRequest(request) {
  const headers = {};
  request.headers.forEach((value, name) => {
    // Headers come back lower-cased; show them as the client wrote them.
    const shown = name.replace(/(^|-)[a-z]/g, (c) => c.toUpperCase());
    headers[shown] = name === 'authorization' ? SHOWN_TOKEN : value;
  });
  const url = new URL(request.url);
  const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
  return { method: request.method, url: url.origin === location.origin ? url.pathname + url.search : url.href, headers, body: body || null };
}

/** Runs one client call and pairs its result with the HTTP exchange that produced it. */
async function observe(invoke, base) {
  const log = [];
  recording = log;
  try {
    const body = await invoke();
    const last = log.at(-1) ?? { request: null, status: 200, raw: null };
    return { ...last, body };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    failure.code ??= 'UnexpectedError';
    if (failure.code === 'NetworkError' || failure.status === 0) {
      failure.reach = await whyNoAnswer(base);
      failure.workerUrl = base;
    }
    failure.exchange = log.at(-1) ?? { request: null, status: failure.status ?? 0, raw: null };
    throw failure;
  } finally {
    recording = null;
  }
}

/** The worker's routes (see the worker's OpenAPI document at /openapi.json). */
export async function workerApi(getSessionToken = () => undefined) {
  const { WorkerClient } = await loadPackage();
  observeFetch();
  const base = workerBase();
  const client = new WorkerClient(base);
  // Calls run one at a time in this page, so the session token is set per call.
  const call = (invoke) => observe(() => {
    client.sessionToken = getSessionToken() ?? null;
    return invoke();
  }, base);
  return {
    base,
    health: () => call(() => client.health()),
    createDemoCustomer: (body) => call(() => client.createDemoCustomer(body)),
    createFinicityCustomer: (body) => call(() => client.createFinicityCustomer(body)),
    connectUrl: ({ customerId, redirectUri }) => call(() => client.finicityConnectUrl(customerId, redirectUri)),
    finicityAccounts: (customerId) => call(() => client.finicityAccounts(customerId)),
    consentReceipt: ({ customerId, accountIds }) => call(() => client.createConsentReceipt(customerId, accountIds)),
    exchangePartners: () => call(() => client.exchangePartners()),
    /** `input` is `{receipt}` (as Finicity issued it: ids are digit strings), a token, or MX/Plaid tokens. */
    createExchange: (customerId, input) => call(() => client.createExchange(customerId, input)),
    createExchangeSession: (customerId, body) => call(() => client.createExchangeSession(customerId, body)),
    getExchange: (exchangeId) => call(() => client.getExchange(exchangeId)),
    /** A re-authentication session for an exchange whose consent must be renewed. */
    reauthExchangeSession: (exchangeId, body) => call(() => client.reauthExchangeSession(exchangeId, body)),
    createFundingSource: (customerId, body) => call(() => client.createFundingSource(customerId, body)),
    linkBank: (body) => call(() => client.linkBank(body)),
  };
}
