// PostgreSQL refuses NUL in text and JSON; other C0 controls are MARC delimiters that leaked into data.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Trims, removes control characters and collapses runs of spaces; returns null for nothing left. */
export function cleanText(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const text = raw.replace(CONTROL, "").replace(/[ \t]+/g, " ").trim();
  return text === "" ? null : text;
}

// ISBD puts " /", " :", " ;", " =", "," and "." between elements; cataloguers copy them into subfields.
const TRAILING_ISBD = /(?:\s*[/:;=,]|\s+\.)+\s*$/;
const LEADING_ISBD = /^\s*[/:;=,]+\s*/;

/**
 * Removes ISBD punctuation around a MARC subfield value ("Laskar pelangi :" -> "Laskar pelangi",
 * ": sebuah novel /" -> "sebuah novel", "2005." -> "2005") but keeps "..." and initials ("Jr.", "Y.B.").
 */
export function stripIsbd(raw: string | null | undefined): string | null {
  let text = cleanText(raw);
  if (text === null) return null;
  text = text.replace(LEADING_ISBD, "").replace(TRAILING_ISBD, "");
  // A final full stop ends the element, unless it ends an ellipsis or an initial/abbreviation ("A.", "Jr.", "hlm.").
  if (text.endsWith(".") && !text.endsWith("...") && !/(?:^|[\s.])\p{Lu}\.$/u.test(text) && !/\b(?:Jr|Sr|Dr|Ir|Hj|H|St|Tbk|dkk|hlm|Co|Inc|Ltd|Bros)\.$/.test(text)) {
    text = text.slice(0, -1).trimEnd();
  }
  // "[2008]" and "[Jakarta]" mark supplied data; the brackets are not part of it.
  if (/^\[[^\]]*\]$/.test(text)) text = text.slice(1, -1).trim();
  return text === "" ? null : text;
}

/** Splits a list cell ("a; b;; c") into trimmed, non-empty, de-duplicated values. */
export function splitList(raw: string | null | undefined, separator: RegExp | string = ";"): string[] {
  if (!raw) return [];
  const out: string[] = [];
  for (const part of raw.split(separator)) {
    const v = cleanText(part);
    if (v !== null && !out.includes(v)) out.push(v);
  }
  return out;
}

/** The first four-digit year in a date statement ("c2005.", "[2008]", "2005, cetakan ke-3"). */
export function parseYear(raw: string | null | undefined): number | null {
  const m = /(?:^|\D)(1[0-9]{3}|20[0-9]{2}|21[0-9]{2})(?!\d)/.exec(raw ?? "");
  return m ? Number(m[1]) : null;
}

/** Page count from a collation ("xxxiv, 529 hlm. : ilus. ; 20 cm" -> 529). */
export function parsePages(raw: string | null | undefined): number | null {
  const text = raw ?? "";
  const unit = /(\d+)\s*(?:hlm|hal|halaman|h\.|p\b|p\.|pp|pages?|pgs?|lembar|lbr)/i.exec(text);
  if (unit) return Number(unit[1]) || null;
  // A bare number before any dimension ("; 21 cm") is the page count.
  const head = text.split(/[;:]/)[0] ?? "";
  const nums = [...head.matchAll(/\d+/g)].map((m) => Number(m[0]));
  const n = nums.length ? Math.max(...nums) : 0;
  return n > 0 && n < 100000 ? n : null;
}
