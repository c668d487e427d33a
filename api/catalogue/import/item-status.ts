import type { ItemStatus } from "./types.js";

// Words catalogues use for the state of a copy: our own codes, SLiMS item statuses (English and
// Indonesian UI), Koha authorised values. Lower-cased, spaces and hyphens folded to "_".
const WORDS: Record<string, ItemStatus> = {
  available: "available",
  tersedia: "available",
  ada: "available",
  in: "available",
  on_shelf: "available",
  no_loan: "available", // SLiMS "No Loan": in the building for reading, still findable
  tidak_dipinjamkan: "available",
  nl: "available",
  on_loan: "on_loan",
  onloan: "on_loan",
  loan: "on_loan",
  loaned: "on_loan",
  checked_out: "on_loan",
  dipinjam: "on_loan",
  sedang_dipinjam: "on_loan",
  reserved: "reserved",
  on_hold: "reserved",
  hold: "reserved",
  dipesan: "reserved",
  dicadangkan: "reserved",
  lost: "lost",
  missing: "lost",
  mis: "lost",
  hilang: "lost",
  long_overdue: "lost",
  withdrawn: "lost",
  repair: "repair",
  r: "repair",
  damaged: "repair",
  rusak: "repair",
  perbaikan: "repair",
  dalam_perbaikan: "repair",
};

/** Maps a status word from a catalogue ("Dipinjam", "on loan", "Repair") to ItemStatus; undefined when unknown, null when empty. */
export function parseItemStatus(raw: string | null | undefined): ItemStatus | null | undefined {
  const key = (raw ?? "").trim().toLowerCase().replace(/[\s-]+/g, "_");
  if (!key) return null;
  return WORDS[key];
}

/**
 * Koha 952: $1 lost (0 = not lost), $4 damaged, $7 not-for-loan (0 = loanable; other codes are
 * library-defined, so text goes through parseItemStatus and other numbers mean "in the building").
 */
export function kohaStatus(sub: { lost?: string; damaged?: string; notForLoan?: string }): ItemStatus | null | undefined {
  const lost = sub.lost?.trim();
  if (lost && lost !== "0") return /^\d+$/.test(lost) ? "lost" : parseItemStatus(lost);
  const damaged = sub.damaged?.trim();
  if (damaged && damaged !== "0") return "repair";
  const nfl = sub.notForLoan?.trim();
  if (nfl === undefined || nfl === "") return null;
  if (/^-?\d+$/.test(nfl)) return "available";
  return parseItemStatus(nfl);
}

/** Accepts YYYY-MM-DD (also YYYY-MM-DD HH:MM:SS as Koha writes it) and checks the date exists. */
export function parseDueDate(raw: string | null | undefined): { ok: true; date: string | null } | { ok: false; problem: string } {
  const text = (raw ?? "").trim();
  if (!text) return { ok: true, date: null };
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$/.exec(text);
  if (!m) return { ok: false, problem: `due date "${text}" is not YYYY-MM-DD` };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || y < 1900 || y > 2200) {
    return { ok: false, problem: `due date "${text}" is not a real date` };
  }
  return { ok: true, date: `${m[1]}-${m[2]}-${m[3]}` };
}
