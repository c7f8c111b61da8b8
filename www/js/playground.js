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

/** RFC 3339 date-time (the package checks the calendar; this catches the shape). */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Reads "Check as of": empty or `now` means the current time (the package's default);
 * anything else must be an RFC 3339 date-time. Returns {now} or {problem}.
 */
export function readNow(text) {
  const value = text.trim();
  if (value === '' || value.toLowerCase() === 'now') return { now: undefined };
  if (!RFC3339.test(value)) {
    return { problem: `\u201c${value}\u201d is neither \u201cnow\u201d nor an RFC 3339 date-time such as 2026-06-01T00:00:00Z.` };
  }
  return { now: value };
}

/** Shows (or clears) the problem of one option, on the option itself. */
function optionProblem(input, text) {
  const id = `${input.id}-problem`;
  let note = document.getElementById(id);
  if (!note) {
    note = h('p', { id, class: 'field-problem', role: 'alert' });
    input.insertAdjacentElement('afterend', note);
    input.setAttribute('aria-describedby', id);
  }
  note.textContent = text ?? '';
  note.hidden = !text;
  if (text) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
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

  const nowInput = byId('opt-now');
  const options = (now) => ({ allowEpochTimes: byId('opt-epoch').checked, ...(now ? { now } : {}) });

  const check = () => {
    const text = textarea.value;
    // Options are checked on their own: their problems belong next to them, not among
    // the receipt's issues.
    const asOf = readNow(nowInput.value);
    optionProblem(nowInput, asOf.problem);
    if (asOf.problem) {
      editor.setMarks([]);
      render(issueList);
      summary.className = 'summary bad';
      summary.textContent = 'Not checked: fix the option \u201cCheck as of\u201d below the receipt.';
      summary.dataset.state = 'option-error';
      summary.dataset.checks = String(Number(summary.dataset.checks ?? 0) + 1);
      lastRequest = null;
      render(requestView, h('p', { class: 'hint' }, 'The request appears once the options are valid.'));
      curlText.textContent = '';
      copyButton.disabled = true;
      return;
    }
    const result = pkg.checkConsentReceipt(text, options(asOf.now));
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
    // The receipt can be fine while the request cannot be built (another environment's
    // partner href, a bad customer id): only then is it "ready to exchange".
    const built = buildRequest(text, asOf.now, result.ok);
    if (result.ok && !built.ok) {
      summary.className = 'summary bad';
      summary.textContent = `The receipt is valid, but no request can be built: ${built.code} (see \u201cDwolla request\u201d).`;
    } else if (result.ok) {
      summary.className = warnings ? 'summary warn' : 'summary ok';
      summary.textContent = warnings
        ? `Valid, with ${plural(warnings, 'warning')}: Dwolla will accept it.`
        : 'Valid: ready to exchange.';
    } else {
      summary.className = 'summary bad';
      summary.textContent = `Not exchangeable: ${plural(errors, 'error')}${warnings ? `, ${plural(warnings, 'warning')}` : ''}.`;
    }
    summary.dataset.state = result.ok ? (built.ok ? 'ok' : 'request-error') : 'invalid';
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
  };

  /** Builds the request; `receiptOk` false means the issues above already say why not. */
  const buildRequest = (text, now, receiptOk) => {
    const customerId = byId('opt-customer-id').value.trim();
    copyStatus.textContent = '';
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
      return { ok: true };
    } catch (error) {
      lastRequest = null;
      const { code } = describeError(error);
      curlText.textContent = '';
      copyButton.disabled = true;
      // The receipt's own errors are listed once, above; here only what else is wrong.
      if (code === 'InvalidReceipt' && !receiptOk) {
        render(requestView, h('div', { class: 'error-box', 'data-error-code': code, 'data-testid': 'request-blocked' },
          h('span', { class: 'code-name' }, code),
          ': no request while the receipt has errors. They are listed once, under \u201cCheck\u201d; fix them and the request appears here.'));
      } else {
        render(requestView, errorBox(error));
      }
      return { ok: false, code };
    }
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
