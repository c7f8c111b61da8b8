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

/**
 * What kind of failure an error is, which decides what the user should do next:
 * `unreachable` (no answer: the worker or the local stack is down), `cors` (the worker
 * answered but the browser refused the answer: ALLOWED_ORIGINS), `session` (the demo
 * session expired), `validation` (the request itself is wrong: fix it and submit again),
 * `temporary` (retrying is safe) or `failed` (anything else).
 */
export function errorClass(error) {
  if (!error) return null;
  if (error.code === 'NetworkError' || error.status === 0) return error.reach === 'cors' ? 'cors' : 'unreachable';
  if (error.code === 'Unauthenticated') return 'session';
  if (error.retryable) return 'temporary';
  if (error.status === 400 || error.status === 422 || /Invalid|Validation|Required|TooLong|NotAllowed/.test(error.code)) return 'validation';
  return 'failed';
}

/** The next thing to do, worded for the class of the error. */
export function errorHint(error) {
  const origin = typeof location === 'undefined' ? 'this page' : location.origin;
  switch (errorClass(error)) {
    case 'unreachable':
      return `The worker did not answer at all: the local stack has stopped (or was never started). Start it again with ./scripts/dev.sh, then retry; nothing is lost.`;
    case 'cors':
      return `The worker answered, but the browser refused to hand the answer to this page: ${origin} is not in the worker\u2019s ALLOWED_ORIGINS (CORS). Add it there (.dev.vars or wrangler.toml) and restart the worker.`;
    case 'session':
      return 'The demo session has expired: use \u201cStart over\u201d for a new customer.';
    case 'temporary':
      return 'This is temporary: retrying is safe, and nothing that already succeeded is created twice.';
    case 'validation':
      return 'The request was refused as it is: correct the value named above and submit again (sending it unchanged gives the same answer).';
    default:
      return 'Retrying repeats the same request; nothing that already succeeded is created twice.';
  }
}

/** An error, code first, with what to do next. */
export function stepError(error) {
  if (!error) return null;
  const kind = errorClass(error);
  return h('div', { class: 'error-box', role: 'alert', 'data-error-code': error.code, 'data-error-class': kind },
    h('span', { class: 'code-name' }, error.code),
    error.status ? ` (HTTP ${error.status})` : '', ': ', error.message,
    h('br'), h('small', { 'data-testid': 'error-hint' }, errorHint(error)));
}

/**
 * How long the worker keeps retrying a failing upstream call, as `health` reports it
 * when it does; otherwise the worker's defaults (UPSTREAM_MAX_ATTEMPTS=4 attempts within
 * UPSTREAM_DEADLINE_MS=15000).
 */
export const retryPolicy = { attempts: 4, deadlineMs: 15_000 };

const clock = (ms) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** The live "sending" line of a running step: spinner, elapsed time, retry budget. */
function runningView(since) {
  const elapsed = h('span', { class: 'elapsed', 'data-testid': 'elapsed' }, '0.0 s');
  const retry = h('small', { class: 'retry-note', 'data-testid': 'retry-note' },
    `If Dwolla or Finicity fails for a moment, the worker retries: up to ${retryPolicy.attempts} attempts, `,
    `giving up by ${clock(since + retryPolicy.deadlineMs)}, so this can take up to ${Math.round(retryPolicy.deadlineMs / 1000)} s.`);
  const line = h('p', { class: 'running-line', role: 'status', dataset: { since: String(since) } },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Sending\u2026 ', elapsed, h('br'), retry);
  return line;
}

// One ticker for every running step on the page (at most one per flow).
setInterval(() => {
  if (typeof document === 'undefined') return;
  for (const line of document.querySelectorAll('.running-line[data-since]')) {
    const seconds = (Date.now() - Number(line.dataset.since)) / 1000;
    const elapsed = line.querySelector('.elapsed');
    if (elapsed) elapsed.textContent = `${seconds.toFixed(1)} s`;
  }
}, 100);

/** Makes every control inside `el` inert while its step runs (it stays visible). */
function disableControls(el) {
  if (!el) return el;
  for (const control of el.querySelectorAll('button, input, select, textarea')) control.disabled = true;
  for (const link of el.querySelectorAll('a')) {
    link.setAttribute('aria-disabled', 'true');
    link.removeAttribute('href');
  }
  if (el.matches?.('button, input, select, textarea')) el.disabled = true;
  return el;
}

/**
 * One step of a flow. `status` is done | current | failed | waiting | running.
 * `controls` are the inputs and buttons shown while the step is actionable; a running
 * step keeps them on screen, disabled, under a spinner with the elapsed time.
 */
export function stepView({ id, title, explain, status, entry, controls, result, logOpen = true, runningSince = null }) {
  const label = { done: 'done', current: 'next', failed: 'failed', waiting: 'waiting', running: 'running' }[status];
  const running = status === 'running';
  return h('li', { class: status, id: `step-${id}`, dataset: { step: id, status }, 'aria-current': status === 'current' || running ? 'step' : null, 'aria-busy': running ? 'true' : null },
    h('h3', {}, title, h('span', { class: `badge ${status}` }, label)),
    explain ? h('p', { class: 'explain' }, explain) : null,
    result ?? null,
    status === 'done' || status === 'waiting' ? null : running ? disableControls(controls ?? null) : controls ?? null,
    running ? runningView(runningSince ?? Date.now()) : stepError(entry?.error),
    running ? null : logView(entry, logOpen));
}

/**
 * Brings the step the user has to act on into view and gives it keyboard focus: used
 * when the page loads again after Connect or a provider page, which would otherwise
 * leave the user at the top of the page.
 */
export function revealStep(list) {
  const step = list.querySelector('li[data-status="failed"], li[data-status="current"]');
  if (!step) return null;
  step.scrollIntoView({ block: 'center' });
  const control = step.querySelector('button:not([disabled]), a[href], input, select');
  if (!control) step.setAttribute('tabindex', '-1');
  (control ?? step).focus({ preventScroll: true });
  return step;
}

/**
 * Keeps keyboard focus in a flow across a redraw: on the same control when it is still
 * there and usable, on the running step while a call runs (its controls are disabled),
 * else on the first control of the step to act on. `before` is what `focusBefore`
 * returned before the redraw; returns whether focus is still owed to the next step.
 */
export function focusBefore(list, owed) {
  return { id: document.activeElement?.id ?? '', inList: list.contains(document.activeElement) || owed };
}

export function restoreFocus(list, before) {
  const same = before.id ? document.getElementById(before.id) : null;
  if (same && list.contains(same) && !same.disabled && same.matches('button, input, select, textarea, a[href]')) {
    same.focus();
    return false;
  }
  if (!before.inList) return false;
  const next = list.querySelector('li[data-status="current"] :is(button, a[href], input, select):not([disabled]), li[data-status="failed"] :is(button, a[href]):not([disabled])');
  if (next) {
    next.focus();
    return false;
  }
  const running = list.querySelector('li[data-status="running"]');
  if (running) {
    running.setAttribute('tabindex', '-1');
    running.focus();
  }
  // The step that runs has no usable control yet: focus its successor once drawn.
  return true;
}
