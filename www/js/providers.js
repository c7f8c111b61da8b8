// Exchange sessions for MX, Plaid and Visa through the worker: create the session, send
// the browser to the provider (a sandbox page here), read `?exchange=` / `?error=` on
// the way back with the package's readVisaRedirect, then create the funding source.
import { byId, h, render } from './dom.js';
import { record, stepView, store } from './steps.js';

const PARTNERS = ['MX', 'Plaid', 'Visa'];

/** Where providers send the browser back: this page. Visa needs it; MX and Plaid web take none. */
function returnUrl() {
  return `${location.origin}${location.pathname}`;
}

export function startProviderFlow({ pkg, api }) {
  const list = byId('provider-steps');
  const flow = byId('provider-flow');
  const status = byId('provider-status');
  let state = store.state;
  let running = null;

  const provider = () => state.provider ?? {};
  const setProvider = (patch, extra = {}) => store.update({ provider: { ...provider(), ...patch }, ...extra });
  const logs = () => provider().log ?? {};

  const run = async (id, call, produce) => {
    if (running) return;
    running = id;
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
      done: () => Boolean(provider().exchangeId),
      result: () => h('p', {}, 'Back with exchange ', h('code', { 'data-testid': 'provider-exchange-id' }, provider().exchangeId)),
      controls: () => {
        const p = provider();
        const returned = p.returnError
          ? h('div', { class: 'error-box', role: 'alert', 'data-error-code': p.returnError },
            h('span', { class: 'code-name' }, p.returnError), ': the provider sent the customer back without an exchange.',
            h('br'), h('button', { type: 'button', id: 'prov-new-session', onclick: () => store.update({ provider: { partnerName: p.partnerName } }) }, 'Start a new session'))
          : null;
        const open = p.open ?? {};
        let action;
        if (open.kind === 'redirect') {
          action = h('a', { class: 'button', id: 'open-provider', href: open.url }, `Open ${p.partnerName}`);
        } else if (open.kind === 'plaidLink') {
          action = h('p', {}, 'Plaid Link token ', h('code', {}, open.linkToken),
            ': a real integration passes it to Plaid Link; this sandbox has no Link page for it.');
        } else {
          action = h('p', {}, `Nothing to open for a session of kind ${open.kind ?? 'unknown'}.`);
        }
        return h('div', {}, returned, returned ? null : action);
      },
    },
    {
      id: 'exchange',
      title: 'Read the exchange',
      explain: 'The exchange the provider created, as Dwolla reports it.',
      done: () => Boolean(provider().exchange),
      result: () => h('p', {}, 'Exchange ', h('code', {}, provider().exchange.id), ` · status ${provider().exchange.status ?? 'unknown'}`),
      controls: () => h('button', {
        type: 'button', id: 'run-prov-exchange',
        onclick: () => run('exchange', () => api.getExchange(provider().exchangeId), (a) => ({ exchange: a.body.exchange })),
      }, 'Read exchange'),
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
              () => api.createFundingSource(state.customer.id, { exchangeId: provider().exchangeId, name: name.value, bankAccountType: type.value }),
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
    const focusedId = document.activeElement?.id;
    render(list, steps.map((step, i) => {
      const entry = logs()[step.id];
      let stepStatus = 'waiting';
      if (step.done()) stepStatus = 'done';
      else if (i === current) {
        const failed = entry?.error || (step.id === 'open' && provider().returnError);
        stepStatus = running === step.id ? 'running' : failed ? 'failed' : 'current';
      }
      return stepView({
        id: `provider-${step.id}`, title: step.title, explain: step.explain, status: stepStatus, entry,
        controls: i === current && running !== step.id ? step.controls() : null,
        result: stepStatus === 'done' ? step.result() : null,
      });
    }));
    if (focusedId) document.getElementById(focusedId)?.focus();
  }

  store.subscribe((next) => {
    state = next;
    draw();
  });
  byId('provider-reset').addEventListener('click', () => store.update({ provider: {} }));

  // Back from a provider: the package reads ?exchange= / ?error= exactly as Dwolla documents them.
  const params = new URLSearchParams(location.search);
  if ((params.has('exchange') || params.has('error')) && provider().session) {
    let back;
    try {
      back = pkg.readVisaRedirect(location.href);
    } catch (error) {
      // Not code-shaped or not a UUID: show the package's code, never the raw parameter.
      back = { error: error.code ?? 'InvalidVisaRedirect' };
    }
    if (back.exchangeId) setProvider({ exchangeId: back.exchangeId, returnError: null });
    else setProvider({ returnError: back.error });
    history.replaceState(null, '', `${location.pathname}#providers`);
  }
  draw();
}
