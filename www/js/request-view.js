// Shows a DwollaRequest ({method, url, headers, body, idempotencyKey}) exactly as the
// package built it, plus the Authorization header the caller's server adds, and turns
// it into a curl command.
import { h, render } from './dom.js';
import { indentJson } from './json-source.js';

/** What the page shows in place of the bearer token: the package never adds one. */
export const AUTH_PLACEHOLDER = 'Bearer <token held by your server>';

function headerEntries(headers) {
  if (!headers) return [];
  if (headers instanceof Map) return [...headers.entries()];
  return Object.entries(headers);
}

/** Renders `request` into `container`. `exactBody` shows the body's bytes unindented. */
export function renderRequest(container, request, { exactBody = false } = {}) {
  const rows = headerEntries(request.headers).map(([name, value]) =>
    h('tr', {}, h('th', { scope: 'row' }, `${name}:`), h('td', {}, value)),
  );
  rows.push(
    h('tr', { class: 'placeholder', title: 'Added by your server, never by the package' },
      h('th', { scope: 'row' }, 'Authorization:'), h('td', {}, `${AUTH_PLACEHOLDER} (added by your server)`)),
  );
  const body = request.body ?? null;
  render(
    container,
    h('p', { class: 'line', 'data-testid': 'request-line' }, `${request.method} ${request.url}`),
    h('table', { 'aria-label': 'Request headers' }, h('tbody', {}, rows)),
    h('p', { class: 'hint' }, 'Idempotency key: ', h('code', { 'data-testid': 'idempotency-key' }, request.idempotencyKey ?? '(none)')),
    body === null
      ? h('p', { class: 'hint' }, 'No body.')
      : h('pre', { 'data-testid': 'request-body', 'aria-label': 'Request body' }, exactBody ? body : indentJson(body)),
  );
}

/** Quotes a string for a POSIX shell. */
export function shellQuote(value) {
  return `'${String(value).replace(/'/g, `'\\''`)}'`;
}

/**
 * A curl command sending exactly the request's bytes. The token is read from the
 * shell's environment so the command itself holds no secret.
 */
export function toCurl(request) {
  const lines = [`curl -X ${request.method} ${shellQuote(request.url)}`];
  for (const [name, value] of headerEntries(request.headers)) lines.push(`  -H ${shellQuote(`${name}: ${value}`)}`);
  lines.push(`  -H "Authorization: Bearer $DWOLLA_ACCESS_TOKEN"`);
  if (request.body !== null && request.body !== undefined) lines.push(`  --data-raw ${shellQuote(request.body)}`);
  return lines.join(' \\\n');
}
