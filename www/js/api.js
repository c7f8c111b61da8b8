// The worker's JSON API as the page calls it (same origin). This is the only module
// that talks HTTP: every call resolves to {request, status, body} so the page can show
// exactly what was sent and answered, and failures throw an ApiError carrying the
// worker's stable error code.

/** A failed call: `code`, `status`, `retryable`, plus what was sent and answered. */
export class ApiError extends Error {
  constructor({ code, message, status, retryable, issues, errors, step }, exchange) {
    super(message || code);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.retryable = Boolean(retryable);
    this.issues = issues ?? [];
    this.errors = errors ?? [];
    this.step = step;
    this.exchange = exchange;
  }
}

/** How the Authorization header is displayed: the token is the customer's, still no need to echo it. */
const SHOWN_TOKEN = 'Bearer <session token from step 1>';

async function call(method, path, { body, rawBody, sessionToken } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined || rawBody !== undefined) headers['Content-Type'] = 'application/json';
  const shownHeaders = { ...headers };
  if (sessionToken) {
    headers.Authorization = `Bearer ${sessionToken}`;
    shownHeaders.Authorization = SHOWN_TOKEN;
  }
  // rawBody lets a caller forward JSON it received without a JSON.parse round trip,
  // which would round 19-digit numeric ids.
  const text = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  const request = { method, url: path, headers: shownHeaders, body: text ?? null };
  let response;
  try {
    response = await fetch(path, { method, headers, body: text });
  } catch (cause) {
    throw new ApiError({ code: 'NetworkError', message: `The worker did not answer: ${cause.message}`, status: 0, retryable: true },
      { request, status: 0, body: null });
  }
  const raw = await response.text();
  let parsed = null;
  try {
    parsed = raw ? JSON.parse(raw) : null;
  } catch {
    parsed = raw;
  }
  const exchange = { request, status: response.status, body: parsed, raw };
  if (!response.ok) {
    const error = parsed && typeof parsed === 'object' && parsed.error
      ? parsed.error
      : { code: `Http${response.status}`, message: typeof parsed === 'string' ? parsed.slice(0, 200) : response.statusText, retryable: response.status >= 500 };
    throw new ApiError({ status: response.status, ...error }, exchange);
  }
  return exchange;
}

const enc = encodeURIComponent;

/** The worker's routes (see the worker's OpenAPI document at /openapi.json). */
export function workerApi(getSessionToken = () => undefined) {
  const s = () => ({ sessionToken: getSessionToken() });
  return {
    health: () => call('GET', '/healthz'),
    createDemoCustomer: (body) => call('POST', '/api/demo/customers', { body }),
    createFinicityCustomer: (body) => call('POST', '/api/finicity/customers', { body, ...s() }),
    connectUrl: (body) => call('POST', '/api/finicity/connect-url', { body, ...s() }),
    finicityAccounts: (customerId) => call('GET', `/api/finicity/customers/${enc(customerId)}/accounts`, s()),
    consentReceipt: (body) => call('POST', '/api/finicity/consent-receipts', { body, ...s() }),
    exchangePartners: () => call('GET', '/api/exchange-partners', s()),
    /** `rawBody` is JSON text, so a receipt is forwarded byte for byte. */
    createExchange: (customerId, rawBody) =>
      call('POST', `/api/customers/${enc(customerId)}/exchanges`, { rawBody, ...s() }),
    createExchangeSession: (customerId, body) =>
      call('POST', `/api/customers/${enc(customerId)}/exchange-sessions`, { body, ...s() }),
    getExchange: (exchangeId) => call('GET', `/api/exchanges/${enc(exchangeId)}`, s()),
    createFundingSource: (customerId, body) =>
      call('POST', `/api/customers/${enc(customerId)}/funding-sources`, { body, ...s() }),
    linkBank: (body) => call('POST', '/api/link-bank', { body, ...s() }),
  };
}
