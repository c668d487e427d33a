// Records store ISBNs as ISBN-13 digits (the importer normalises them); queries arrive in any
// of the printed forms, so a query that is an ISBN is turned into the same key.
import { isbn10Valid, isbn13Check } from "../api/catalogue/import/isbn.js";

/** ISBN-13 digits for a valid ISBN-10 or any 978/979 13-digit number (hyphens and spaces allowed), else null. */
export function toIsbn13(text: string): string | null {
  const d = text.replace(/[\s-]/g, "").toUpperCase();
  // A 13-digit number is taken as typed: a wrong check digit then simply finds nothing.
  if (/^97[89]\d{10}$/.test(d)) return d;
  if (/^\d{9}[\dX]$/.test(d) && isbn10Valid(d)) {
    const first12 = "978" + d.slice(0, 9);
    return first12 + isbn13Check(first12);
  }
  return null;
}

/** When the whole query is an ISBN ("ISBN 979-3062-79-7", "9789793062792"), its ISBN-13; else null. */
export function isbnQuery(q: string): string | null {
  const stripped = q.trim().replace(/^isbn(?:[-\s]?1[03])?\s*:?\s*/i, "");
  if (!/^[\d\s-]+[\dXx]$/.test(stripped)) return null;
  return toIsbn13(stripped);
}
