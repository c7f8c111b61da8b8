// Entry point: loads the package, starts the playground and the session builder (which
// need nothing else), then the live flows if this page is served by the worker.
import { workerApi } from './api.js';
import { byId } from './dom.js';
import { startLiveFlow } from './live.js';
import { loadPackage } from './package.js';
import { startPlayground } from './playground.js';
import { startProviderFlow } from './providers.js';
import { startSessionBuilder } from './sessions.js';
import { retryPolicy, store } from './steps.js';

async function main() {
  const status = byId('package-status');
  let pkg;
  try {
    const started = performance.now();
    pkg = await loadPackage();
    status.textContent = `consent-exchange package loaded in ${Math.round(performance.now() - started)} ms.`;
  } catch (error) {
    status.className = 'status bad';
    status.textContent = `The consent-exchange package did not load (${error.message}). Build it with scripts/build-pkg.sh.`;
    document.body.dataset.ready = 'error';
    return;
  }
  await startPlayground(pkg);
  startSessionBuilder(pkg);
  await startLive(pkg);
  document.body.dataset.ready = 'true';
}

async function startLive(pkg) {
  const status = byId('worker-status');
  const api = await workerApi(() => store.state.sessionToken);
  const stopped = (text) => {
    status.className = 'status bad';
    status.textContent = text;
    byId('provider-status').textContent = 'Needs a working worker too.';
  };
  let health;
  try {
    health = await api.health();
  } catch (error) {
    // No answer at all: the worker is down, or it refused this origin (CORS).
    if (error.code === 'NetworkError' || error.status === 0) {
      status.dataset.problem = error.reach ?? 'unreachable';
      stopped(error.reach === 'cors'
        ? `The worker at ${api.base} answered, but not to this page: add ${location.origin} to its ALLOWED_ORIGINS (CORS) and restart it.`
        : `The worker at ${api.base} does not answer: the local stack is not running (it stopped, or was never started). Start it with ./scripts/dev.sh, then reload this page.`);
      return;
    }
    // A worker that answers with an error (e.g. ConfigurationError) says what is wrong.
    if (error.status >= 500 && error.code) {
      status.dataset.problem = 'configuration';
      stopped(`The worker is not ready: ${error.code}: ${error.message}`);
      return;
    }
    health = null;
  }
  if (!health?.body?.ok) {
    status.dataset.problem = 'no-worker';
    status.textContent = 'The live flow needs the worker: start everything with ./scripts/dev.sh and open the URL it prints.';
    byId('provider-status').textContent = 'Needs the worker too.';
    return;
  }
  // The worker's retry budget, when it reports one, for the "sending" line of a step.
  const upstream = health.body.upstream ?? {};
  if (Number.isFinite(upstream.deadlineMs)) retryPolicy.deadlineMs = upstream.deadlineMs;
  if (Number.isFinite(upstream.maxAttempts)) retryPolicy.attempts = upstream.maxAttempts;
  status.textContent = `Connected to the worker${health.body.version ? ` (version ${health.body.version})` : ''}.`;
  byId('live-flow').hidden = false;
  startLiveFlow({ pkg, api });
  startProviderFlow({ pkg, api });
}

main();
