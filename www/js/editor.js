// A plain textarea with highlighted ranges: a backdrop with the same text and metrics
// sits behind the transparent textarea and paints <mark>s, and a gutter numbers the
// lines and flags those holding an issue. Native editing, selection, undo and screen
// reader behaviour all stay the textarea's own.
import { h, render } from './dom.js';
import { lineColumn } from './json-source.js';

const RANK = { error: 2, warning: 1 };

/**
 * @param {{textarea: HTMLTextAreaElement, backdrop: HTMLElement, gutter: HTMLElement}} parts
 */
export function createEditor({ textarea, backdrop, gutter }) {
  let marks = [];
  let active = null;

  const syncScroll = () => {
    backdrop.scrollTop = textarea.scrollTop;
    backdrop.scrollLeft = textarea.scrollLeft;
    gutter.scrollTop = textarea.scrollTop;
  };
  // The backdrop gets the textarea's client size so both scroll over the same extent
  // (the textarea loses room to its scrollbars, the backdrop has none).
  const syncSize = () => {
    backdrop.style.right = 'auto';
    backdrop.style.bottom = 'auto';
    backdrop.style.width = `${textarea.clientWidth}px`;
    backdrop.style.height = `${textarea.clientHeight}px`;
  };

  const paint = () => {
    const text = textarea.value;
    const usable = marks
      .map((m) => ({ ...m, start: Math.max(0, Math.min(m.start, text.length)), end: Math.min(m.end, text.length) }))
      .map((m) => ({ ...m, end: Math.max(m.end, m.start + 1) }));
    // Split the text at every mark boundary; each piece takes the strongest mark over it.
    const cuts = new Set([0, text.length]);
    for (const m of usable) { cuts.add(m.start); cuts.add(Math.min(m.end, text.length + 1)); }
    const points = [...cuts].sort((a, b) => a - b);
    const pieces = [];
    for (let k = 0; k + 1 < points.length; k++) {
      const [from, to] = [points[k], points[k + 1]];
      const over = usable.filter((m) => m.start <= from && m.end >= to);
      const piece = text.slice(from, to) || ' ';
      if (over.length === 0) { pieces.push(piece); continue; }
      const top = over.reduce((a, b) => (RANK[b.severity] > RANK[a.severity] ? b : a));
      const isActive = active !== null && over.some((m) => m.id === active);
      pieces.push(h('mark', { class: `${top.severity}${isActive ? ' active' : ''}` }, piece));
    }
    // A trailing newline needs a character after it to take up its line.
    pieces.push('\n ');
    render(backdrop, pieces);

    const lineCount = text.split('\n').length;
    const flagged = new Map();
    for (const m of usable) {
      const from = lineColumn(text, m.start).line;
      const to = lineColumn(text, Math.max(m.start, m.end - 1)).line;
      for (let line = from; line <= to; line++) {
        if ((RANK[m.severity] ?? 0) > (RANK[flagged.get(line)] ?? 0)) flagged.set(line, m.severity);
      }
    }
    const rows = [];
    for (let line = 1; line <= lineCount; line++) {
      const severity = flagged.get(line);
      rows.push(h('div', severity ? { class: `has-${severity}`, title: `${severity} on line ${line}` } : {}, String(line)));
    }
    render(gutter, rows);
    syncSize();
    syncScroll();
  };

  textarea.addEventListener('scroll', syncScroll);
  new ResizeObserver(() => { syncSize(); syncScroll(); }).observe(textarea);

  return {
    /** Replaces the highlighted ranges: [{id, start, end, severity}]. */
    setMarks(next) {
      marks = next;
      active = null;
      paint();
    },
    /** Repaints after the text changed without new marks yet. */
    refresh: paint,
    /** Selects a range in the textarea, scrolls it into view and emphasises its mark. */
    reveal(mark) {
      active = mark.id;
      paint();
      textarea.focus();
      textarea.setSelectionRange(mark.start, Math.max(mark.end, mark.start));
      const { line } = lineColumn(textarea.value, mark.start);
      const lineHeight = parseFloat(getComputedStyle(textarea).lineHeight) || 20;
      textarea.scrollTop = Math.max(0, (line - 1) * lineHeight - textarea.clientHeight / 2);
      syncScroll();
    },
  };
}
