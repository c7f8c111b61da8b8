// Bank linking with Finicity through the worker, one visible step at a time. Results
// are kept in sessionStorage: a step that succeeded is never sent again, and the steps
// that create Dwolla resources are idempotent on the worker's side (same receipt →
// same idempotency key), so a retry cannot create a duplicate exchange or funding source.
import { byId, h, render } from './dom.js';
import { integrationCode } from './integration.js';
import { parseWithPositions } from './json-source.js';
import { focusBefore, record, restoreFocus, revealStep, stepView, store } from './steps.js';

/** The page URL Connect returns to: this page, flagged so we know Connect finished. */
function connectReturnUrl() {
  return `${location.origin}${location.pathname}?connect=done`;
}

/**
 * The `receipt` member of the consent-receipts answer, as the exact text the worker
 * sent: the page checks that text with the package, so a numeric id would keep its
 * digits there and be reported, rather than silently rounded by JSON.parse.
 */
function receiptText(raw) {
  const parsed = parseWithPositions(raw ?? '');
  if (!parsed.ok) return null;
  const node = parsed.root.kind === 'object' ? parsed.root.members.get('receipt') : null;
  return node ? raw.slice(node.start, node.end) : null;
}

function field(id, label, input) {
  return h('p', {}, h('label', { for: id }, label), h('br'), input);
}

export function startLiveFlow({ pkg, api }) {
  const list = byId('live-steps');
  const progress = byId('live-progress');
  let state = store.state;
  let running = null;
  let runningSince = null;
  let wantFocus = false;

  const update = (patch) => store.update(patch);
  store.subscribe((next) => {
    state = next;
    draw();
  });
  const logs = () => state.log ?? {};
  const setLog = (id, entry) => update({ log: { ...logs(), [id]: entry } });

  /** Runs one step's call, records it, and stores what it produced. */
  const run = async (id, call, produce) => {
    if (running) return;
    running = id;
    runningSince = Date.now();
    draw();
    try {
      const answer = await call();
      running = null;
      update({ log: { ...logs(), [id]: record(answer) }, ...produce(answer) });
    } catch (error) {
      running = null;
      setLog(id, record(error));
    }
  };

  const steps = [
    {
      id: 'customer',
      title: 'Create a Dwolla customer',
      explain: 'The worker creates an unverified demo customer in Dwolla and returns a short-lived session token bound to that one customer; every later call carries it.',
      done: () => Boolean(state.customer),
      result: () => h('p', {}, 'Customer ', h('code', { 'data-testid': 'customer-id' }, state.customer.id)),
      controls: () => {
        const first = h('input', { id: 'live-first', type: 'text', value: state.identity.firstName, autocomplete: 'given-name' });
        const last = h('input', { id: 'live-last', type: 'text', value: state.identity.lastName, autocomplete: 'family-name' });
        const email = h('input', { id: 'live-email', type: 'email', value: state.identity.email, autocomplete: 'email' });
        return h('div', {},
          field('live-first', 'First name', first), field('live-last', 'Last name', last), field('live-email', 'Email', email),
          h('button', {
            type: 'button', id: 'run-customer',
            onclick: () => run('customer',
              () => api.createDemoCustomer({ firstName: first.value, lastName: last.value, email: email.value }),
              (a) => ({ customer: a.body.customer, sessionToken: a.body.sessionToken, expiresAt: a.body.expiresAt })),
          }, 'Create customer'));
      },
    },
    {
      id: 'finicity',
      title: 'Create a Finicity testing customer',
      explain: 'Finicity needs its own customer record before Connect can run; testing customers work with the FinBank test institution.',
      done: () => Boolean(state.finicityCustomerId),
      result: () => h('p', {}, 'Finicity customer ', h('code', { 'data-testid': 'finicity-customer-id' }, state.finicityCustomerId)),
      controls: () => h('button', {
        type: 'button', id: 'run-finicity',
        onclick: () => run('finicity',
          () => api.createFinicityCustomer({ username: state.identity.username, firstName: state.identity.firstName, lastName: state.identity.lastName }),
          (a) => ({ finicityCustomerId: String(a.body.customerId) })),
      }, 'Create Finicity customer'),
    },
    {
      id: 'connect',
      title: 'Open Finicity Connect',
      explain: 'The customer picks their bank and consents in Connect (here, the sandbox\u2019s stand-in page). Connect sends them back to this page.',
      done: () => Boolean(state.connectReturned),
      failed: () => Boolean(state.connectCancelled),
      result: () => h('p', {}, 'Back from Connect.'),
      controls: () => {
        if (state.connectCancelled) {
          // Connect's Exit (`?reason=exit`): nothing was shared, and the link is used up.
          return h('div', { class: 'error-box', role: 'alert', 'data-error-code': 'ConnectExited', 'data-error-class': 'cancelled' },
            h('span', { class: 'code-name' }, 'Cancelled'), ': the customer left Connect with Exit, so no accounts were shared. A Connect link works once; get a new one to try again.',
            h('br'),
            h('button', {
              type: 'button', id: 'retry-connect',
              onclick: () => update({ connectCancelled: false, connectLink: null }),
            }, 'Try Connect again'));
        }
        if (!state.connectLink) {
          return h('button', {
            type: 'button', id: 'run-connect',
            onclick: () => run('connect',
              () => api.connectUrl({ customerId: state.finicityCustomerId, redirectUri: connectReturnUrl() }),
              (a) => ({ connectLink: a.body.link })),
          }, 'Get the Connect link');
        }
        return h('div', {},
          h('div', { class: 'button-row' },
            h('a', { href: state.connectLink, id: 'open-connect', class: 'button' }, 'Open Connect (sandbox stand-in)'),
            h('button', { type: 'button', class: 'secondary', onclick: () => update({ connectLink: null }) }, 'New link')),
          integrationCode('finicity', { link: state.connectLink }));
      },
    },
    {
      id: 'accounts',
      title: 'Choose the account to link',
      explain: 'The accounts the customer shared in Connect, as Finicity lists them. Account ids are long digit strings, kept as strings.',
      done: () => Boolean(state.accountId),
      result: () => {
        const account = (state.accounts ?? []).find((a) => String(a.id) === state.accountId);
        return h('p', {}, 'Account ', h('code', { 'data-testid': 'account-id' }, state.accountId), account ? ` (${account.name})` : '');
      },
      controls: () => {
        if (!state.accounts) {
          return h('button', {
            type: 'button', id: 'run-accounts',
            onclick: () => run('accounts', () => api.finicityAccounts(state.finicityCustomerId), (a) => ({ accounts: a.body.accounts ?? [] })),
          }, 'List accounts');
        }
        if (state.accounts.length === 0) {
          return h('div', {}, h('p', {}, 'No accounts yet: finish Connect first.'),
            h('button', { type: 'button', onclick: () => update({ accounts: null, connectReturned: false, connectLink: null }) }, 'Back to Connect'));
        }
        const radios = state.accounts.map((account, i) => h('label', {},
          h('input', { type: 'radio', name: 'live-account', value: String(account.id), checked: i === 0 }),
          ` ${account.name} · ${account.type}${account.number ? ` · ${account.number}` : ''} `,
          h('code', {}, String(account.id))));
        const fieldset = h('fieldset', { class: 'accounts' }, h('legend', {}, 'Accounts'), radios);
        return h('div', {}, fieldset,
          h('button', {
            type: 'button', id: 'choose-account',
            onclick: () => {
              const chosen = fieldset.querySelector('input:checked');
              if (chosen) update({ accountId: chosen.value });
            },
          }, 'Use this account'));
      },
    },
    {
      id: 'receipt',
      title: 'Get a consent receipt',
      explain: 'Finicity issues a signed receipt granting Dwolla (partner 2445583946651) moneyTransferDetails on this account for a limited time. The package checks it right here.',
      done: () => Boolean(state.receiptRaw),
      result: () => {
        const check = pkg.checkConsentReceipt(state.receiptRaw);
        const text = check.ok
          ? `The package says: valid${check.issues.length ? ` (${check.issues.length} warning${check.issues.length === 1 ? '' : 's'})` : ''}.`
          : `The package says: ${check.issues.map((i) => `${i.code} at ${i.path}`).join('; ')}`;
        return h('p', { 'data-testid': 'receipt-check', class: check.ok ? 'ok-box' : 'error-box' }, text);
      },
      controls: () => h('button', {
        type: 'button', id: 'run-receipt',
        onclick: () => run('receipt',
          () => api.consentReceipt({ customerId: state.finicityCustomerId, accountIds: [state.accountId] }),
          (a) => ({ receiptRaw: receiptText(a.raw) ?? JSON.stringify(a.body?.receipt ?? null) })),
      }, 'Get consent receipt'),
    },
    {
      id: 'exchange',
      title: 'Exchange the receipt with Dwolla',
      explain: 'The worker validates the receipt with the same package, builds POST /customers/{id}/exchanges and sends it with its Dwolla token. The idempotency key is derived from the receipt, so retrying cannot create a second exchange.',
      done: () => Boolean(state.exchange),
      result: () => h('p', {}, 'Exchange ', h('code', { 'data-testid': 'exchange-id' }, state.exchange.id),
        state.exchangeKey ? [' · idempotency key ', h('code', {}, state.exchangeKey)] : ''),
      controls: () => h('button', {
        type: 'button', id: 'run-exchange',
        onclick: () => run('exchange',
          // The receipt as the worker returned it; its ids are digit strings, so
          // JSON.parse keeps every digit.
          () => api.createExchange(state.customer.id, { receipt: JSON.parse(state.receiptRaw) }),
          (a) => ({ exchange: a.body.exchange, exchangeKey: a.body.idempotencyKey ?? null })),
      }, 'Create exchange'),
    },
    {
      id: 'funding',
      title: 'Create the funding source',
      explain: 'Dwolla reads the routing and account numbers from Finicity through the exchange; the bank account becomes a funding source of the customer.',
      done: () => Boolean(state.fundingSource),
      result: () => h('p', { class: 'ok-box' }, 'Bank linked. Funding source ', h('code', { 'data-testid': 'funding-source-id' }, state.fundingSource.id)),
      controls: () => {
        const account = (state.accounts ?? []).find((a) => String(a.id) === state.accountId);
        // What the user typed survives a failed attempt and every redraw.
        const draft = state.fundingDraft ?? {};
        const name = h('input', {
          id: 'live-fs-name', type: 'text', maxlength: '50', 'aria-describedby': 'live-fs-name-problem',
          value: draft.name ?? (account?.name ?? 'Checking').slice(0, 50),
        });
        const type = h('select', { id: 'live-fs-type' }, h('option', {}, 'checking'), h('option', {}, 'savings'));
        type.value = draft.type ?? (account?.type === 'savings' ? 'savings' : 'checking');
        const problem = h('p', { id: 'live-fs-name-problem', class: 'field-problem', role: 'alert' });
        const showProblem = (text) => {
          problem.textContent = text ?? '';
          problem.hidden = !text;
          if (text) name.setAttribute('aria-invalid', 'true');
          else name.removeAttribute('aria-invalid');
        };
        showProblem(fundingNameProblem(name.value));
        const keep = () => { state.fundingDraft = { name: name.value, type: type.value }; };
        name.addEventListener('input', () => { keep(); showProblem(fundingNameProblem(name.value)); });
        type.addEventListener('change', keep);
        return h('div', {}, field('live-fs-name', 'Funding source name (1 to 50 characters)', name), problem,
          field('live-fs-type', 'Bank account type', type),
          h('button', {
            type: 'button', id: 'run-funding',
            onclick: () => {
              // Checked here first: Dwolla would refuse it with a ValidationError anyway.
              const wrong = fundingNameProblem(name.value);
              update({ fundingDraft: { name: name.value, type: type.value } });
              if (wrong) {
                showProblem(wrong);
                name.focus();
                return;
              }
              run('funding',
                () => api.createFundingSource(state.customer.id, { exchangeId: state.exchange.id, name: name.value.trim(), bankAccountType: type.value }),
                (a) => ({ fundingSource: a.body.fundingSource, fundingDraft: null }));
            },
          }, 'Create funding source'));
      },
    },
  ];

  function draw() {
    const current = steps.findIndex((step) => !step.done());
    progress.value = current === -1 ? steps.length : current;
    progress.max = steps.length;
    const progressText = current === -1 ? 'Bank linked: all steps done.' : `Step ${current + 1} of ${steps.length}: ${steps[current].title}`;
    progress.setAttribute('aria-valuetext', progressText);
    byId('live-progress-text').textContent = running ? `${progressText} (sending…)` : progressText;
    const before = focusBefore(list, wantFocus);
    render(list, steps.map((step, i) => {
      const entry = logs()[step.id];
      let status = 'waiting';
      if (step.done()) status = 'done';
      else if (i === current) status = running === step.id ? 'running' : entry?.error || step.failed?.() ? 'failed' : 'current';
      return stepView({
        id: step.id, title: step.title, explain: step.explain, status, entry, runningSince,
        controls: i === current ? step.controls() : null,
        result: status === 'done' ? step.result() : null,
        // Earlier steps fold their logs away; the latest answer and any failure stay open.
        logOpen: status !== 'done' || i === (current === -1 ? steps.length : current) - 1,
      });
    }));
    wantFocus = restoreFocus(list, before);
  }

  byId('live-reset').addEventListener('click', () => {
    store.reset();
    location.replace(`${location.pathname}#live`);
    location.reload();
  });

  // First visit in this tab: one demo identity, reused by every retry.
  if (!state.identity) {
    const tag = Math.random().toString(36).slice(2, 8);
    update({ identity: { firstName: 'Ada', lastName: 'Lovelace', email: `ada.${tag}@example.com`, username: `demo_${tag}` } });
  }
  // Back from Connect: `?connect=done`, plus `&reason=exit` when the customer left with
  // Exit (or `&reason=error`), which shares nothing.
  const params = new URLSearchParams(location.search);
  const back = params.has('connect');
  if (back) {
    const reason = params.get('reason');
    if (reason) update({ connectCancelled: true, connectReason: reason, connectLink: null });
    else update({ connectReturned: true, connectCancelled: false });
    params.delete('connect');
    params.delete('reason');
    const rest = params.toString();
    history.replaceState(null, '', `${location.pathname}${rest ? `?${rest}` : ''}#live`);
  }
  draw();
  // The browser would land at the top of the page: show the step to act on next.
  if (back) revealStep(list);
}

/** Why a funding-source name would be refused, or null: Dwolla takes 1 to 50 characters. */
export function fundingNameProblem(value) {
  const name = value.trim();
  if (name === '') return 'Enter a name: Dwolla needs one to show the customer (for example \u201cMy checking\u201d).';
  if (name.length > 50) return `At most 50 characters; this one has ${name.length}.`;
  return null;
}
