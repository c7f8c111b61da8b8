// The one place the page loads the consent-exchange package: its client build, a
// `--target web` module with the core and `WorkerClient` (pkg/client/ in the repository,
// see scripts/build-pkg.sh and worker/build.sh), served next to the page at /pkg/.
// Everything the playground shows comes from it.
import init, * as consentExchange from '/pkg/consent_exchange.js';

let ready;

/** Initializes the wasm module once and resolves to the package's exports. */
export function loadPackage() {
  ready ??= init().then(() => consentExchange);
  return ready;
}
