// Exchange sessions for MX, Plaid and Visa through the worker: create the session, send
// the browser to the provider (a sandbox page here), read what it sends back, turn that
// into an exchange, then create the funding source. Visa creates the exchange itself
// and returns `?exchange=` / `?error=` (read with the package's readVisaRedirect); MX
// and Plaid return a token the worker exchanges.
import { byId, h, render } from './dom.js';
import { integrationCode } from './integration.js';
import { focusBefore, record, restoreFocus, revealStep, stepView, store } from './steps.js';

const PARTNERS = ['MX', 'Plaid', 'Visa'];

/**
 * Where providers send the browser back: /callback, which the worker is configured to
 * allow (ALLOWED_REDIRECT_URLS) and which hands the query to this page.
 */
function returnUrl() {
  return `${location.origin}/callback`;
}

/**
 * Plaid Link is a script a real page loads; the session only gives a link token. Locally
 * the sandbox stands in for it at /_sandbox/plaid-link; command 1 runs the sandbox on
 * 8790, next to the worker on 8787.
 */
function defaultPlaidLinkUrl() {
  return `${location.protocol}//${location.hostname}:8790/_sandbox/plaid-link`;
}

/** The URL that opens the provider, with this page's return address where the page passes it. */
function providerUrl(open, plaidLinkUrl) {
  if (open.kind === 'redirect') {
    const url = new URL(open.url);
    // MX takes no redirect URL in the session; the stand-in page accepts one from the
    // app instead (a real MX widget reports back in the page).
    if (!url.searchParams.has('redirect')) url.searchParams.set('redirect', returnUrl());
    return url.href;
  }
  if (open.kind === 'plaidLink') {
    const url = new URL(plaidLinkUrl);
    url.searchParams.set('token', open.linkToken);
    url.searchParams.set('redirect', returnUrl());
    return url.href;
  }
  return null;
}

export function startProviderFlow({ pkg, api }) {
  const list = byId('provider-steps');
  const flow = byId('provider-flow');
  const status = byId('provider-status');
  let state = store.state;
  let running = null;
  let runningSince = null;
  let wantFocus = false;

  const provider = () => state.provider ?? {};
  const setProvider = (patch, extra = {}) => store.update({ provider: { ...provider(), ...patch }, ...extra });
  const logs = () => provider().log ?? {};

  const run = async (id, call, produce) => {
    if (running) return;
    running = id;
    runningSince = Date.now();
    draw();
    try {
      const answer = await call();
      running = null;
      setProvider({ log: { ...logs(), [id]: record(answer) }, ...produce(answer) });
    } catch (error) {
      running = null;
      setProvider({ log: { ...logs(), [id]: record(error) } });
    }
  };

  const steps = [
    {
      id: 'session',
      title: 'Create an exchange session',
      explain: 'The worker checks the partner\u2019s redirect-URL rules with the package, asks Dwolla for a single-use session, and returns what the browser must open.',
      done: () => Boolean(provider().session),
      result: () => h('p', {}, `${provider().partnerName} session `, h('code', { 'data-testid': 'exchange-session-id' }, provider().session.id)),
      controls: () => {
        const select = h('select', { id: 'prov-partner' }, PARTNERS.map((p) => h('option', { selected: p === (provider().partnerName ?? 'Visa') }, p)));
        const note = h('p', { class: 'hint', id: 'prov-note' });
        const explainPartner = () => {
          note.textContent = select.value === 'Visa'
            ? `Visa requires a redirect URL; this page sends ${returnUrl()}, which the worker must have in ALLOWED_REDIRECT_URLS.`
            : `${select.value} on the web takes no redirect URL.`;
        };
        select.addEventListener('change', explainPartner);
        explainPartner();
        return h('div', {},
          h('p', {}, h('label', { for: 'prov-partner' }, 'Partner'), h('br'), select), note,
          h('button', {
            type: 'button', id: 'run-session',
            onclick: () => {
              const partnerName = select.value;
              setProvider({ partnerName });
              run('session',
                () => api.createExchangeSession(state.customer.id, { partnerName, ...(partnerName === 'Visa' ? { redirectUrl: returnUrl() } : {}) }),
                (a) => ({ session: a.body.exchangeSession, open: a.body.open }));
            },
          }, 'Create exchange session'));
      },
    },
    {
      id: 'open',
      title: 'Open the provider',
      explain: 'Sessions are single use. The provider sends the browser back here with ?exchange={id} on success or ?error=CODE.',
      done: () => Boolean(provider().exchangeId || provider().token),
      result: () => (provider().exchangeId
        ? h('p', {}, 'Back with exchange ', h('code', { 'data-testid': 'provider-exchange-id' }, provider().exchangeId))
        : h('p', {}, `Back with ${provider().token.field} `, h('code', {}, provider().token.value))),
      controls: () => {
        const p = provider();
        const returned = p.returnError
          ? h('div', { class: 'error-box', role: 'alert', 'data-error-code': p.returnError },
            h('span', { class: 'code-name' }, p.returnError), ': the provider sent the customer back without an exchange.',
            h('br'), h('button', { type: 'button', id: 'prov-new-session', onclick: () => store.update({ provider: { partnerName: p.partnerName } }) }, 'Start a new session'))
          : null;
        const open = p.open ?? {};
        let action;
        if (open.kind === 'plaidLink') {
          const input = h('input', { id: 'prov-plaid-url', type: 'url', value: p.plaidLinkUrl ?? defaultPlaidLinkUrl() });
          const go = h('a', { class: 'button', id: 'open-provider', href: providerUrl(open, input.value) }, 'Open Plaid Link (sandbox)');
          input.addEventListener('input', () => {
            try {
              go.href = providerUrl(open, input.value);
            } catch {
              go.removeAttribute('href');
            }
          });
          go.addEventListener('click', () => setProvider({ plaidLinkUrl: input.value }));
          action = h('div', {},
            h('p', {}, 'Link token ', h('code', {}, open.linkToken), ': a real page hands it to Plaid Link; here the sandbox stands in for it.'),
            h('p', {}, h('label', { for: 'prov-plaid-url' }, 'Plaid Link stand-in'), h('br'), input), go);
        } else if (open.kind === 'redirect') {
          action = h('a', { class: 'button', id: 'open-provider', href: providerUrl(open) }, `Open ${p.partnerName}`);
        } else {
          action = h('p', {}, `Nothing to open for a session of kind ${open.kind ?? 'unknown'}.`);
        }
        const real = open.kind === 'plaidLink'
          ? integrationCode('plaidLink', { linkToken: open.linkToken, customerId: state.customer?.id })
          : open.kind === 'redirect' ? integrationCode(p.partnerName, { url: open.url, customerId: state.customer?.id }) : null;
        return h('div', {}, returned, returned ? null : action, returned ? null : real);
      },
    },
    {
      id: 'exchange',
      title: 'The exchange',
      explain: 'Visa created the exchange already: read it. MX and Plaid returned a token: the worker exchanges it with Dwolla (idempotently, keyed on the token).',
      done: () => Boolean(provider().exchange),
      result: () => h('div', {},
        h('p', {}, 'Exchange ', h('code', { 'data-testid': 'provider-exchange' }, provider().exchange.id),
          provider().exchange.status ? ` · status ${provider().exchange.status}` : '',
          ' ', h('button', {
            type: 'button', id: 'run-prov-recheck',
            onclick: () => run('exchange', () => api.getExchange(provider().exchange.id), (a) => ({ exchange: a.body.exchange })),
          }, 'Read again')),
        // Dwolla's customer_exchange_reauth_required webhook, as the worker kept it.
        provider().exchange.reAuthenticationRequired
          ? h('div', { class: 'error-box', role: 'alert', 'data-testid': 'reauth-notice' },
            'The bank asks the customer to re-authenticate this connection. ',
            h('button', {
              type: 'button', id: 'run-prov-reauth',
              onclick: () => run('session',
                () => api.reauthExchangeSession(provider().exchange.id, { redirectUrl: returnUrl() }),
                (a) => ({ session: a.body.exchangeSession, open: a.body.open, exchangeId: null, exchange: null, token: null, returnError: null })),
            }, 'Re-authenticate'))
          : null),
      controls: () => {
        const p = provider();
        if (p.exchangeId) {
          return h('button', {
            type: 'button', id: 'run-prov-exchange',
            onclick: () => run('exchange', () => api.getExchange(p.exchangeId), (a) => ({ exchange: a.body.exchange })),
          }, 'Read exchange');
        }
        return h('button', {
          type: 'button', id: 'run-prov-exchange',
          onclick: () => run('exchange',
            () => api.createExchange(state.customer.id, { partnerName: p.partnerName, [p.token.field]: p.token.value }),
            (a) => ({ exchange: a.body.exchange })),
        }, 'Create exchange');
      },
    },
    {
      id: 'funding',
      title: 'Create the funding source',
      explain: 'Same call as for Finicity: the exchange is all Dwolla needs.',
      done: () => Boolean(provider().fundingSource),
      result: () => h('p', { class: 'ok-box' }, 'Bank linked. Funding source ', h('code', { 'data-testid': 'provider-funding-source-id' }, provider().fundingSource.id)),
      controls: () => {
        const name = h('input', { id: 'prov-fs-name', type: 'text', maxlength: '50', value: `${provider().partnerName ?? 'Bank'} checking` });
        const type = h('select', { id: 'prov-fs-type' }, h('option', {}, 'checking'), h('option', {}, 'savings'));
        return h('div', {},
          h('p', {}, h('label', { for: 'prov-fs-name' }, 'Funding source name'), h('br'), name),
          h('p', {}, h('label', { for: 'prov-fs-type' }, 'Bank account type'), h('br'), type),
          h('button', {
            type: 'button', id: 'run-prov-funding',
            onclick: () => run('funding',
              () => api.createFundingSource(state.customer.id, { exchangeId: provider().exchange.id, name: name.value, bankAccountType: type.value }),
              (a) => ({ fundingSource: a.body.fundingSource })),
          }, 'Create funding source'));
      },
    },
  ];

  function draw() {
    if (!state.customer || !state.sessionToken) {
      flow.hidden = true;
      status.textContent = 'Create the Dwolla customer in step 1 of the live flow above first.';
      return;
    }
    flow.hidden = false;
    status.textContent = '';
    const current = steps.findIndex((step) => !step.done());
    const before = focusBefore(list, wantFocus);
    render(list, steps.map((step, i) => {
      const entry = logs()[step.id];
      let stepStatus = 'waiting';
      if (step.done()) stepStatus = 'done';
      else if (i === current) {
        const failed = entry?.error || (step.id === 'open' && provider().returnError);
        stepStatus = running === step.id ? 'running' : failed ? 'failed' : 'current';
      }
      return stepView({
        id: `provider-${step.id}`, title: step.title, explain: step.explain, status: stepStatus, entry, runningSince,
        controls: i === current ? step.controls() : null,
        result: stepStatus === 'done' ? step.result() : null,
        // Earlier steps fold their logs away; the latest answer and any failure stay open.
        logOpen: stepStatus !== 'done' || i === (current === -1 ? steps.length : current) - 1,
      });
    }));
    wantFocus = restoreFocus(list, before);
  }

  store.subscribe((next) => {
    state = next;
    draw();
  });
  byId('provider-reset').addEventListener('click', () => store.update({ provider: {} }));

  // Back from a provider (through /callback).
  const params = new URLSearchParams(location.search);
  if (provider().session && (params.has('exchange') || params.has('error'))) {
    // Visa: the package reads ?exchange= / ?error= exactly as Dwolla documents them.
    let back;
    try {
      back = pkg.readVisaRedirect(location.href);
    } catch (error) {
      // Not code-shaped or not a UUID: show the package's code, never the raw parameter.
      back = { error: error.code ?? 'InvalidVisaRedirect' };
    }
    if (back.exchangeId) setProvider({ exchangeId: back.exchangeId, returnError: null });
    else setProvider({ returnError: back.error });
  } else if (provider().session && params.get('exchangeSession') === provider().session.id) {
    // MX and Plaid stand-ins: ?status=success&availableConnectionToken=… or &publicToken=…
    const field = ['availableConnectionToken', 'publicToken', 'token'].find((f) => params.has(f));
    if (params.get('status') === 'success' && field) setProvider({ token: { field, value: params.get(field) }, returnError: null });
    else setProvider({ returnError: params.get('status') === 'cancelled' ? 'USER_CANCELLED' : 'NoTokenReturned' });
  }
  const back = ['exchange', 'error', 'exchangeSession'].some((k) => params.has(k));
  if (back) {
    history.replaceState(null, '', `${location.pathname}#providers`);
  }
  draw();
  // The browser would land at the top of the page: show the step to act on next.
  if (back && !flow.hidden) revealStep(list);
}
