// Shared pieces of the two live flows: progress kept in sessionStorage (so a flow
// survives the round trip through Connect or a provider page, and a reload), and the
// rendering of one step with the request it made and the answer it got.
import { h } from './dom.js';
import { indentJson } from './json-source.js';

const KEY = 'consent-exchange-demo';

/** Loads the flow state of this tab. */
function loadState() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? '{}') ?? {};
  } catch {
    return {};
  }
}

/**
 * The one state object both flows share (the provider flow uses the customer created
 * by the Finicity flow); every change goes through `update` and is saved at once.
 */
export const store = {
  state: loadState(),
  listeners: new Set(),
  update(patch) {
    this.state = { ...this.state, ...patch };
    sessionStorage.setItem(KEY, JSON.stringify(this.state));
    for (const listener of this.listeners) listener(this.state);
  },
  reset() {
    this.state = {};
    sessionStorage.removeItem(KEY);
  },
  subscribe(listener) {
    this.listeners.add(listener);
  },
};

function bodyText(value, raw) {
  if (typeof raw === 'string' && raw !== '') return indentJson(raw);
  if (value === null || value === undefined) return '(empty)';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/**
 * Serializable record of one call: what was sent and what came back, or the error.
 * Stored with the flow so the log survives navigation.
 */
export function record(exchangeOrError) {
  const exchange = exchangeOrError?.exchange ?? exchangeOrError;
  const raw = exchange?.raw ?? (exchange?.body === undefined ? null : JSON.stringify(exchange.body));
  const entry = {
    request: exchange?.request ?? null,
    status: exchange?.status ?? null,
    // The session token is this tab's credential: kept, used, never displayed.
    raw: typeof raw === 'string' ? raw.replace(/("sessionToken"\s*:\s*)"[^"]*"/g, '$1"<kept by this tab, not shown>"') : raw,
  };
  if (exchangeOrError instanceof Error) {
    entry.error = {
      code: exchangeOrError.code ?? 'UnexpectedError',
      message: exchangeOrError.message,
      status: exchangeOrError.status ?? null,
      retryable: Boolean(exchangeOrError.retryable),
      step: exchangeOrError.step ?? null,
    };
  }
  return entry;
}

/** The request/answer log of a step. */
export function logView(entry, open = true) {
  if (!entry?.request) return null;
  const { request } = entry;
  return h('div', { class: 'exchange-log' },
    h('details', { open },
      h('summary', {}, `Request: ${request.method} ${request.url}`),
      h('pre', { class: 'code', 'data-testid': 'log-request' },
        [
          `${request.method} ${request.url}`,
          ...Object.entries(request.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
          ...(request.body ? ['', indentJson(request.body)] : []),
        ].join('\n'))),
    h('details', { open },
      h('summary', {}, `Answer: ${entry.status === 0 ? 'no answer' : `HTTP ${entry.status}`}`),
      h('pre', { class: 'code', 'data-testid': 'log-answer' }, bodyText(null, entry.raw))));
}

/** An error, code first, with what a retry will do. */
export function stepError(error) {
  if (!error) return null;
  const again = error.code === 'Unauthenticated'
    ? 'The demo session has expired: use “Start over” for a new customer.'
    : error.retryable
      ? 'This is temporary: retrying is safe.'
      : 'Retrying repeats the same request; nothing that already succeeded is created twice.';
  return h('div', { class: 'error-box', role: 'alert', 'data-error-code': error.code },
    h('span', { class: 'code-name' }, error.code),
    error.status ? ` (HTTP ${error.status})` : '', ': ', error.message,
    h('br'), h('small', {}, again));
}

/**
 * One step of a flow. `status` is done | current | failed | waiting | running.
 * `controls` are the inputs and buttons shown while the step is actionable.
 */
export function stepView({ id, title, explain, status, entry, controls, result, logOpen = true }) {
  const label = { done: 'done', current: 'next', failed: 'failed', waiting: 'waiting', running: 'running' }[status];
  return h('li', { class: status, id: `step-${id}`, dataset: { step: id, status }, 'aria-current': status === 'current' ? 'step' : null },
    h('h3', {}, title, h('span', { class: `badge ${status}` }, label)),
    explain ? h('p', { class: 'explain' }, explain) : null,
    result ?? null,
    status === 'done' || status === 'waiting' ? null : controls ?? null,
    stepError(entry?.error),
    logView(entry, logOpen));
}
