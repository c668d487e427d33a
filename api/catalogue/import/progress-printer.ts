import type { ImportProgress } from "./types.js";

export type ProgressOut = { isTTY?: boolean; columns?: number; write(text: string): unknown };

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "?";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return h ? `${h}:${String(m).padStart(2, "0")}:${String(r).padStart(2, "0")}` : `${m}:${String(r).padStart(2, "0")}`;
}

const num = (n: number) => n.toLocaleString("en-US");

/** Figures shown while importing: records/s over the whole run and an ETA from the bytes left. */
export function progressFigures(p: ImportProgress): { rate: number; fraction: number | null; etaSeconds: number | null } {
  const seconds = p.elapsedMs / 1000;
  const rate = seconds > 0 ? p.records / seconds : 0;
  const fraction = p.totalBytes ? Math.min(1, p.bytesRead / p.totalBytes) : null;
  const etaSeconds = fraction !== null && fraction > 0 && seconds > 0 ? (seconds / fraction) * (1 - fraction) : null;
  return { rate, fraction, etaSeconds };
}

/** One progress line without the bar: used for plain output and after the bar on a terminal. */
export function progressLine(p: ImportProgress): string {
  const { rate, fraction, etaSeconds } = progressFigures(p);
  const parts = [`${num(p.records)} records`, `${num(Math.round(rate))} records/s`];
  if (fraction !== null) parts.push(`${Math.floor(fraction * 100)}%`);
  if (etaSeconds !== null && p.phase === "importing" && (fraction ?? 0) < 1) parts.push(`ETA ${duration(etaSeconds)}`);
  parts.push(`created ${num(p.created)}, updated ${num(p.updated)}, unchanged ${num(p.unchanged)}, skipped ${num(p.skippedRecords)}`);
  if (p.phase === "indexing") parts.push(`stored; search index catching up: ${num(p.indexBacklog)} records to go`);
  return parts.join("  ");
}

/**
 * Prints import progress: a redrawn bar with records/s and ETA on a terminal, a plain line every
 * `intervalMs` otherwise (logs, CI). Returns the onProgress callback.
 */
export function createProgressPrinter(out: ProgressOut, opts: { intervalMs?: number; now?: () => number } = {}): (p: ImportProgress) => void {
  const now = opts.now ?? (() => performance.now());
  const interval = opts.intervalMs ?? (out.isTTY ? 100 : 5000);
  let last = -Infinity;
  return (p) => {
    const t = now();
    if (!p.done && t - last < interval) return;
    last = t;
    if (!out.isTTY) {
      out.write(`import: ${progressLine(p)}\n`);
      return;
    }
    const { fraction } = progressFigures(p);
    const width = 24;
    const filled = fraction === null ? 0 : Math.round(fraction * width);
    const bar = fraction === null ? "" : `[${"#".repeat(filled)}${".".repeat(width - filled)}] `;
    const line = `${bar}${progressLine(p)}`;
    const columns = out.columns ?? 120;
    out.write(`\r\x1b[2K${line.slice(0, Math.max(20, columns - 1))}${p.done ? "\n" : ""}`);
  };
}
