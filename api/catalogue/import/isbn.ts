import type { Issue } from "./types.js";

export type IsbnResult = { ok: true; isbn13: string } | { ok: false; problem: string };

/** Whether ten characters (nine digits, then a digit or X) carry a right ISBN-10 check digit. */
export function isbn10Valid(d: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const c = d[i]!;
    const v = c === "X" ? 10 : c.charCodeAt(0) - 48;
    sum += v * (10 - i);
  }
  return sum % 11 === 0;
}

/** The check digit of an ISBN-13 from its first twelve digits. */
export function isbn13Check(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (first12.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

/**
 * Reads one ISBN as catalogues write it ("979-3062-79-7 (pbk.)", "ISBN 978 602 ...", "0-14-044913-X")
 * and returns it as ISBN-13 digits, or why it is not one.
 */
export function normalizeIsbn(raw: string): IsbnResult {
  // Qualifiers follow the number ("(pbk.)", ": Rp 79.000", "jil. 1"); the number is the first run of digits/hyphens/spaces.
  const m = /(?:97[89][\s-]?)?\d[\d\s-]{7,}[\dXx]/.exec(raw.replace(/^\s*ISBN(?:-1[03])?[:\s]*/i, ""));
  if (!m) return { ok: false, problem: `"${raw.trim()}" is not an ISBN` };
  const digits = m[0].replace(/[\s-]/g, "").toUpperCase();
  if (digits.length === 10) {
    if (!/^\d{9}[\dX]$/.test(digits)) return { ok: false, problem: `"${raw.trim()}" is not an ISBN` };
    if (!isbn10Valid(digits)) return { ok: false, problem: `"${raw.trim()}" has a wrong ISBN-10 check digit` };
    const first12 = `978${digits.slice(0, 9)}`;
    return { ok: true, isbn13: first12 + isbn13Check(first12) };
  }
  if (digits.length === 13) {
    if (!/^97[89]\d{10}$/.test(digits)) return { ok: false, problem: `"${raw.trim()}" is not an ISBN (ISBN-13 starts with 978 or 979)` };
    if (isbn13Check(digits.slice(0, 12)) !== digits[12]) return { ok: false, problem: `"${raw.trim()}" has a wrong ISBN-13 check digit` };
    return { ok: true, isbn13: digits };
  }
  if (digits.length === 8) return { ok: false, problem: `"${raw.trim()}" looks like an ISSN, not an ISBN` };
  return { ok: false, problem: `"${raw.trim()}" has ${digits.length} digits; an ISBN has 10 or 13` };
}

/** Adds each readable ISBN of `values` to `out` as ISBN-13, once; each unreadable one is an issue on `field`. */
export function collectIsbns(values: Iterable<string>, field: string, issues: Issue[], out: string[] = []): string[] {
  for (const raw of values) {
    const r = normalizeIsbn(raw);
    if (r.ok) {
      if (!out.includes(r.isbn13)) out.push(r.isbn13);
    } else issues.push({ field, problem: `${r.problem}; ISBN dropped`, dropped: "field" });
  }
  return out;
}
