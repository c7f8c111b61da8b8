/** Renders rows (arrays of cells) as an aligned plain-text table, or a Markdown one. */
export function table(header, rows, { markdown = false } = {}) {
  const cells = [header, ...rows].map((r) => r.map((c) => String(c ?? "")));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  // Numbers read best right-aligned; everything else left-aligned.
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^[-+]?[\d.,]+\s*(x|%|ms|µs|kB|B|ops\/s|req\/s)?$/.test(String(r[i] ?? "")) || String(r[i] ?? "") === "—"));
  const pad = (c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]));
  if (markdown) {
    const line = (r) => `| ${r.map(pad).join(" | ")} |`;
    const rule = `|${widths.map((w, i) => (numeric[i] ? `${"-".repeat(w + 1)}:` : `${"-".repeat(w + 2)}`)).join("|")}|`;
    return [line(cells[0]), rule, ...cells.slice(1).map(line)].join("\n");
  }
  const line = (r) => r.map(pad).join("  ").trimEnd();
  return [line(cells[0]), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

/** 12345.6 → "12,346"; keeps `digits` decimals. */
export function num(n, digits = 0) {
  if (n == null || Number.isNaN(n)) return "—";
  return n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A ratio printed as "2.31x". */
export function ratio(a, b) {
  if (!a || !b) return "—";
  return `${(a / b).toFixed(2)}x`;
}
