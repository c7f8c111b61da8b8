// The receipt playground: every keystroke runs the package's checkConsentReceipt and
// finicityExchange on the text as typed, shows the issues where they are, and shows the
// exact Dwolla request those functions built.
import { byId, copyText, debounce, h, render } from './dom.js';
import { createEditor } from './editor.js';
import { lineColumn, locate, parseWithPositions } from './json-source.js';
import { renderRequest, toCurl } from './request-view.js';

/** Reads the shared Dwolla target options (also used by the session builder). */
export function targetOptions() {
  const environment = byId('opt-environment').value;
  const baseUrl = byId('opt-base-url').value.trim();
  return { environment, ...(baseUrl ? { baseUrl } : {}) };
}

/** Describes a thrown package error: its stable code, message and attached issues. */
export function describeError(error) {
  return {
    code: error?.code ?? 'UnexpectedError',
    message: error?.message ?? String(error),
    issues: Array.isArray(error?.issues) ? error.issues : [],
  };
}

/** Renders an error box showing the code first, as callers would branch on it. */
export function errorBox(error, extra) {
  const { code, message } = describeError(error);
  return h('div', { class: 'error-box', 'data-error-code': code },
    h('span', { class: 'code-name' }, code), ': ', message, extra ?? null);
}

export async function startPlayground(pkg) {
  const textarea = byId('receipt-input');
  const editor = createEditor({ textarea, backdrop: byId('receipt-backdrop'), gutter: byId('receipt-gutter') });
  const summary = byId('check-summary');
  const issueList = byId('issue-list');
  const requestView = byId('request-view');
  const copyButton = byId('copy-curl');
  const curlText = byId('curl-text');
  const copyStatus = byId('copy-status');
  let lastRequest = null;

  const options = () => {
    const now = byId('opt-now').value.trim();
    return { allowEpochTimes: byId('opt-epoch').checked, ...(now ? { now } : {}) };
  };

  const check = () => {
    const text = textarea.value;
    const result = pkg.checkConsentReceipt(text, options());
    const issues = result.issues ?? [];
    const source = parseWithPositions(text);

    const marks = issues.map((issue, id) => {
      let range = null;
      if (source.ok) range = locate(source.root, issue.path);
      else range = { start: source.error.offset, end: source.error.offset + 1, missing: false };
      return { id, severity: issue.severity, ...range };
    });
    editor.setMarks(marks);

    const errors = issues.filter((i) => i.severity === 'error').length;
    const warnings = issues.length - errors;
    const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
    if (result.ok) {
      summary.className = warnings ? 'summary warn' : 'summary ok';
      summary.textContent = warnings
        ? `Valid, with ${plural(warnings, 'warning')}: Dwolla will accept it.`
        : 'Valid: ready to exchange.';
    } else {
      summary.className = 'summary bad';
      summary.textContent = `Not exchangeable: ${plural(errors, 'error')}${warnings ? `, ${plural(warnings, 'warning')}` : ''}.`;
    }
    summary.dataset.state = result.ok ? 'ok' : 'invalid';
    // A counter tests (and anyone curious) can watch to know a check has run.
    summary.dataset.checks = String(Number(summary.dataset.checks ?? 0) + 1);

    render(issueList, issues.map((issue, id) => {
      const mark = marks[id];
      const { line, column } = lineColumn(text, mark.start);
      const where = issue.path === '' ? '(the whole input)' : issue.path;
      const note = !source.ok ? ` (JSON syntax: ${source.error.message})` : mark.missing ? ' (missing here)' : '';
      return h('li', { class: issue.severity, dataset: { code: issue.code, path: issue.path } },
        h('button', {
          type: 'button',
          'aria-label': `${issue.severity} ${issue.code} at ${where}, line ${line}: ${issue.message}. Select in the input.`,
          onclick: () => editor.reveal(mark),
        },
        h('span', { class: `badge ${issue.severity}` }, issue.severity),
        h('span', { class: 'code-name' }, issue.code), ' ',
        h('span', { class: 'where' }, `${where} · line ${line}, col ${column}${note}`),
        h('br'),
        issue.message));
    }));

    buildRequest(text);
  };

  const buildRequest = (text) => {
    const customerId = byId('opt-customer-id').value.trim();
    const now = byId('opt-now').value.trim();
    try {
      const request = pkg.finicityExchange({
        receipt: text,
        partnerHref: byId('opt-partner-href').value.trim(),
        ...(customerId ? { customerId } : {}),
        ...targetOptions(),
        ...(now ? { now } : {}),
        allowEpochTimes: byId('opt-epoch').checked,
      });
      lastRequest = request;
      renderRequest(requestView, request, { exactBody: byId('body-exact').checked });
      curlText.textContent = toCurl(request);
      copyButton.disabled = false;
    } catch (error) {
      lastRequest = null;
      const { code } = describeError(error);
      const hint = code === 'InvalidReceipt' ? [h('br'), 'Fix the errors listed above and the request appears here.'] : null;
      render(requestView, errorBox(error, hint));
      curlText.textContent = '';
      copyButton.disabled = true;
    }
    copyStatus.textContent = '';
  };

  const scheduleCheck = debounce(check, 80);
  textarea.addEventListener('input', () => { editor.refresh(); scheduleCheck(); });
  for (const id of ['opt-environment', 'opt-base-url', 'opt-partner-href', 'opt-customer-id', 'opt-now', 'opt-epoch']) {
    byId(id).addEventListener('input', scheduleCheck);
    byId(id).addEventListener('change', scheduleCheck);
  }
  byId('body-exact').addEventListener('change', () => {
    if (lastRequest) renderRequest(requestView, lastRequest, { exactBody: byId('body-exact').checked });
  });
  copyButton.addEventListener('click', async () => {
    if (!lastRequest) return;
    const ok = await copyText(toCurl(lastRequest));
    copyStatus.textContent = ok ? 'Copied. Set DWOLLA_ACCESS_TOKEN in your shell first.' : 'Copy failed: select the command below.';
  });

  // Samples: buttons load a file from /samples/ into the editor.
  const sampleButtons = byId('sample-buttons');
  const about = byId('sample-about');
  const samples = await fetch('samples/index.json').then((r) => r.json());
  const load = async (sample, button) => {
    const text = await fetch(`samples/${sample.file}`).then((r) => r.text());
    textarea.value = text.trimEnd();
    for (const b of sampleButtons.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b === button));
    about.textContent = sample.about;
    check();
  };
  render(sampleButtons, samples.map((sample) => {
    const button = h('button', { type: 'button', class: 'secondary', 'aria-pressed': 'false', dataset: { sample: sample.file } }, sample.label);
    button.addEventListener('click', () => load(sample, button));
    return button;
  }));
  await load(samples[0], sampleButtons.querySelector('button'));
}
