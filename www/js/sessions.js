// The exchange-session builder: the package's exchangeSession decides; this module
// explains the per-partner rules and marks the one the package's error code points at.
import { byId, debounce, h, render } from './dom.js';
import { describeError, errorBox, targetOptions } from './playground.js';
import { renderRequest } from './request-view.js';

/**
 * Why each partner treats the redirect URL the way it does. `codes` are the package's
 * error codes that mean this rule was broken; `when` limits a rule to a platform.
 */
const ALLOW_LIST = {
  codes: ['RedirectUrlNotAllowed'],
  when: (s) => s.allowed.length > 0,
  text: 'It must equal one of the configured redirect URLs exactly (scheme, host, port and path). A prefix or pattern match would let anyone send your users, and their new exchange id, to a site of their choosing.',
};

const RULES = {
  Visa: [
    {
      codes: ['RedirectUrlRequired', 'RedirectUrlNotConfigured'],
      text: 'A redirect URL is required. Visa Instant Account Verification runs on Visa\u2019s own pages, then sends the user back to this URL with ?exchange={id} or ?error=\u2026, so Dwolla must know where \u201cback\u201d is.',
    },
    {
      codes: ['RedirectUrlInvalid'],
      text: 'It must be an absolute http(s) URL: the browser is sent there. Prefer https outside local development.',
    },
    ALLOW_LIST,
  ],
  Plaid: [
    {
      codes: ['RedirectUrlNotAllowed'],
      when: (s) => s.platform === '' || s.platform === 'web',
      text: 'On the web (the default platform) Plaid takes no redirect URL: Plaid Link opens in the page with the session\u2019s link token and reports back through its callback, so there is no page to return to.',
    },
    {
      codes: ['RedirectUrlRequired', 'RedirectUrlInvalid'],
      when: (s) => s.platform === 'android',
      text: 'On Android the \u201credirect URL\u201d is required and is the app\u2019s package name (such as com.example.app): Plaid returns to the app after an OAuth bank. It is not a URL, although Dwolla\u2019s OpenAPI types it as one.',
    },
    {
      codes: ['RedirectUrlRequired', 'RedirectUrlInvalid', 'RedirectUrlNotConfigured'],
      when: (s) => s.platform === 'ios',
      text: 'On iOS it is required and is an http(s) URL (a universal link registered with Plaid) that OAuth banks return to.',
    },
    { ...ALLOW_LIST, when: (s) => s.platform === 'ios' && s.allowed.length > 0 },
  ],
  MX: [
    {
      codes: ['RedirectUrlInvalid', 'RedirectUrlNotConfigured'],
      text: 'A redirect URL is optional for MX (Dwolla: \u201cnot required\u201d): the MX Connect widget is opened at the session\u2019s external-provider-session link and the exchange is read back from Dwolla afterwards. When given, it is an absolute http(s) URL.',
    },
    ALLOW_LIST,
  ],
  'Checkout.com': [
    {
      codes: ['RedirectUrlNotAllowed'],
      text: 'Checkout.com takes no redirect URL: its Flow component collects the debit card inside your page from the session data.',
    },
  ],
  Finicity: [
    {
      codes: ['SessionsNotSupported'],
      text: 'Finicity has no exchange sessions: your backend runs Finicity Connect itself, asks Finicity for a consent receipt, and sends it to POST /exchanges (see the playground above and the live flow below).',
    },
  ],
  Flinks: [
    {
      codes: ['SessionsNotSupported'],
      text: 'Flinks has no exchange sessions: your backend exchanges a Flinks token (flinksToken(authSecret, accessToken)) with POST /exchanges.',
    },
  ],
};

const COMMON = [
  {
    codes: ['InvalidCustomerId'],
    text: 'The Dwolla customer id must be a UUID: it goes into the path POST /customers/{id}/exchange-sessions.',
  },
  {
    codes: ['InvalidPartnerHref', 'EnvironmentMismatch', 'InvalidBaseUrl'],
    text: 'The partner href must be an exchange-partners link from GET /exchange-partners of the same Dwolla environment.',
  },
];

/**
 * Each partner's exchange-partner id (GET /exchange-partners lists them; these are the
 * local sandbox's). The href follows the partner picker and the Dwolla target.
 */
const PARTNER_IDS = {
  Finicity: 'c2f9a9d4-5a4e-4a8b-9a51-3f1d0f6e7a01',
  MX: '7d0e3c1b-2f44-4b8e-b1a9-6c2e5d8f9a02',
  Plaid: 'a41b8e6f-9c3d-4e27-8f15-0b9d2c7e6a03',
  Flinks: 'e8d5f2a7-1b6c-4d39-a0e4-5f7c3b9d1a04',
  Visa: '3b9e7c5d-8a2f-4e61-9d07-2c4a6e8f0a05',
  'Checkout.com': 'f6a2d8b4-4c7e-4b95-8e13-7a9c1d5e3a06',
};

/** A redirect URL each partner accepts on the web, to start from (Visa needs one). */
const DEFAULT_REDIRECT = { Visa: 'https://www.yourdomain.com/iav-callback' };

function partnerHref(partnerName) {
  const { environment, baseUrl } = targetOptions();
  const host = baseUrl ?? (environment === 'production' ? 'https://api.dwolla.com' : 'https://api-sandbox.dwolla.com');
  return `${host.replace(/\/$/, '')}/exchange-partners/${PARTNER_IDS[partnerName]}`;
}

/** A fresh Idempotency-Key: sessions are single use, so each one needs its own. */
function freshKey() {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}`;
}

function state() {
  return {
    partnerName: byId('ses-partner').value,
    platform: byId('ses-platform').value,
    redirectUrl: byId('ses-redirect').value.trim(),
    allowed: byId('ses-allowed').value.split('\n').map((l) => l.trim()).filter(Boolean),
    customerId: byId('ses-customer').value.trim(),
    partnerHref: byId('ses-partner-href').value.trim(),
  };
}

export function startSessionBuilder(pkg) {
  const rulesList = byId('ses-rules');
  const result = byId('ses-result');
  const hrefInput = byId('ses-partner-href');
  const redirectInput = byId('ses-redirect');
  // The href follows the picker and the target until someone types their own.
  let hrefTyped = false;
  const followPicker = () => {
    if (!hrefTyped) hrefInput.value = partnerHref(byId('ses-partner').value);
  };
  hrefInput.addEventListener('input', () => { hrefTyped = hrefInput.value.trim() !== ''; });
  byId('ses-partner').addEventListener('change', () => {
    hrefTyped = false;
    followPicker();
    redirectInput.value = DEFAULT_REDIRECT[byId('ses-partner').value] ?? '';
  });
  for (const id of ['opt-environment', 'opt-base-url']) byId(id).addEventListener('input', followPicker);
  byId('opt-environment').addEventListener('change', followPicker);
  followPicker();
  redirectInput.value = DEFAULT_REDIRECT[byId('ses-partner').value] ?? '';

  const update = () => {
    const s = state();
    let request = null;
    let failure = null;
    try {
      request = pkg.exchangeSession({
        customerId: s.customerId,
        partnerName: s.partnerName,
        partnerHref: s.partnerHref,
        // A new session for every change: a key derived from the request would give
        // back the single-use session already created with it.
        idempotencyKey: freshKey(),
        ...(s.platform ? { platform: s.platform } : {}),
        ...(s.redirectUrl ? { redirectUrl: s.redirectUrl } : {}),
        ...(s.allowed.length ? { allowedRedirectUrls: s.allowed } : {}),
        ...targetOptions(),
      });
    } catch (error) {
      failure = describeError(error);
    }

    byId('ses-rules-partner').textContent = s.partnerName;
    const rules = [...(RULES[s.partnerName] ?? []), ...COMMON].filter((rule) => !rule.when || rule.when(s));
    let explained = false;
    render(rulesList, rules.map((rule) => {
      const broken = failure && rule.codes.includes(failure.code) && !explained;
      if (broken) explained = true;
      const status = broken ? 'violated' : failure ? 'applies' : 'satisfied';
      return h('li', { class: status, dataset: { status } },
        h('span', { class: `badge ${broken ? 'error' : failure ? '' : 'ok'}` }, broken ? 'broken' : failure ? 'rule' : 'met'),
        rule.text, ' ', h('span', { class: 'rule-code' }, `(${rule.codes.join(' / ')})`));
    }));

    result.dataset.updates = String(Number(result.dataset.updates ?? 0) + 1);
    if (request) {
      const box = h('div', { class: 'request' });
      renderRequest(box, request);
      render(result, h('p', { class: 'ok-box', 'data-testid': 'session-ok' }, 'The package built this request, with a fresh Idempotency-Key (sessions are single use):'), box);
    } else {
      render(result, errorBox(failure));
    }
  };

  const schedule = debounce(update, 60);
  for (const id of ['ses-partner', 'ses-platform', 'ses-redirect', 'ses-allowed', 'ses-customer', 'ses-partner-href',
    'opt-environment', 'opt-base-url']) {
    byId(id).addEventListener('input', schedule);
    byId(id).addEventListener('change', schedule);
  }
  byId('session-form').addEventListener('submit', (e) => e.preventDefault());
  update();
}
