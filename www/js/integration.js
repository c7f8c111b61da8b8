// What a real page runs where this demo opens one of the sandbox's stand-in pages: the
// providers' own browser SDKs, with the values this flow produced filled in. Shown next
// to each stand-in, because this is the code users copy.
import { h } from './dom.js';

const SNIPPETS = {
  finicity: ({ link }) => `// npm i @finicity/connect-web-sdk
import { FinicityConnect } from '@finicity/connect-web-sdk';

// The Connect URL your backend got from POST /api/finicity/connect-url
FinicityConnect.launch(${JSON.stringify(link ?? '<connect link>')}, {
  onDone: () => {
    // Accounts shared: list them and ask Finicity for a consent receipt (next steps).
  },
  onCancel: () => {
    // The customer left with Exit: nothing was shared; offer to open Connect again.
  },
  onError: (event) => console.warn('Connect failed', event.code, event.reason),
});`,

  plaidLink: ({ linkToken, customerId }) => `<script src="https://cdn.plaid.com/link/v2/stable/link-initialize.js"></script>
<script type="module">
  const handler = Plaid.create({
    token: ${JSON.stringify(linkToken ?? '<link token from the exchange session>')},
    onSuccess: async (publicToken) => {
      // The worker exchanges the one-time public token with Dwolla.
      await fetch('/api/customers/${customerId ?? '{customerId}'}/exchanges', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: \`Bearer \${sessionToken}\` },
        body: JSON.stringify({ partnerName: 'Plaid', publicToken }),
      });
    },
    onExit: (error) => {
      // Closed without linking (error is null when the user just left).
    },
  });
  handler.open();
</script>`,

  MX: ({ url, customerId }) => `// npm i @mxenabled/web-widget-sdk
import * as widgetSdk from '@mxenabled/web-widget-sdk';

// The session's external-provider-session link is the MX Connect widget URL.
const widget = new widgetSdk.ConnectWidget({
  container: '#mx-widget',
  url: ${JSON.stringify(url ?? '<external-provider-session href>')},
  onMemberConnected: async () => {
    // Your backend reads the customer's available exchange connections from Dwolla and
    // exchanges the availableConnectionToken:
    // POST /api/customers/${customerId ?? '{customerId}'}/exchanges
    //   { "partnerName": "MX", "availableConnectionToken": "…" }
  },
});`,

  Visa: ({ url }) => `// Visa runs on its own pages: send the browser there...
location.assign(${JSON.stringify(url ?? '<external-provider-session href>')});

// ...and on your redirect URL, read what Visa sent back:
import init, { readVisaRedirect } from 'consent-exchange/web';
await init();
const back = readVisaRedirect(location.href); // { exchangeId } or { error: 'USER_CANCELLED' | … }`,
};

/**
 * A folded block with the real integration for `kind` (finicity, plaidLink, MX, Visa),
 * or null when there is none to show.
 */
export function integrationCode(kind, values = {}, { open = true } = {}) {
  const snippet = SNIPPETS[kind];
  if (!snippet) return null;
  const names = { finicity: 'Finicity Connect', plaidLink: 'Plaid Link', MX: 'the MX Connect widget', Visa: 'Visa' };
  return h('details', { class: 'integration', open, dataset: { integration: kind } },
    h('summary', {}, `In your app: ${names[kind]} instead of this stand-in`),
    h('pre', { class: 'code', 'data-testid': `integration-${kind}` }, snippet(values)));
}
