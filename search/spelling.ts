// Indonesian has been written in three spellings (van Ophuijsen until 1947, Soewandi until 1972,
// EYD since). Catalogues hold all three ("Soekarno", "Pramoedya", "Djakarta") and residents type
// whichever they learnt, so both the index and every query are folded into one spelling here.
// The fold is deliberately lossy (j and y collapse): it only has to be the same on both sides.

// One pass over the text; equivalent to replacing oe, dj, tj, nj, sj, ch and then j in turn
// ("pandjang" -> "panjang" -> "panyang"), because no replacement creates a new digraph that a
// later rule would rewrite differently.
const OLD_SPELLING = /oe|dj|tj|nj|sj|ch|j/g;
const MODERN: Record<string, string> = { oe: "u", dj: "y", tj: "c", nj: "ny", sj: "sy", ch: "kh", j: "y" };

const NON_ASCII = /[^\x00-\x7f]/;

/** Lower-case, strip accents and apostrophes, fold old spellings (oe/u, dj/j, tj/c, j/y, nj/ny, sj/sy, ch/kh). */
export function foldSpelling(text: string): string {
  // Most catalogue text is plain ASCII, and a full reindex folds every field of every record.
  return (NON_ASCII.test(text) ? text.normalize("NFKD").replace(/\p{M}+/gu, "") : text)
    .toLowerCase()
    // "Ka'bah", "Jum'at": the apostrophe is a glottal stop, not a word break.
    .replace(/['’‘`]/g, "")
    .replace(OLD_SPELLING, (m) => MODERN[m]!);
}

/** Words of a text, spelling folded: "Burung2 Manyar (Y.B.)" -> ["burung", "burung", "manyar", "y", "b"]. */
export function words(text: string): string[] {
  const folded = foldSpelling(text);
  const out: string[] = [];
  for (const raw of folded.split(/[^\p{L}\p{N}]+/u)) {
    if (!raw) continue;
    // "buku2" / "anak2" is everyday shorthand for the reduplicated plural "buku-buku".
    const redup = raw.endsWith("2") ? /^(\p{L}{2,})2$/u.exec(raw) : null;
    if (redup) out.push(redup[1]!, redup[1]!);
    else out.push(raw);
  }
  return out;
}

/** The folded form of a text as one space-separated string. */
export function foldedText(text: string): string {
  return words(text).join(" ");
}

/** Lower-cased words without the spelling fold (accents and apostrophes removed), space-separated. */
export function plainText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/['’‘`]/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(" ");
}
