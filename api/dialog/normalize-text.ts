// Turns chat text into lowercase word tokens that the rules can compare, keeping letters of every
// script (Arabic, Javanese, emoji are plain text to us, never markup or commands).

/** Unicode-normalised, lowercased, without diacritics and with “smart” quotes made plain. */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .normalize("NFC")
    .replace(/[\u2018\u2019\u0060\u00b4]/g, "'")
    .replace(/[\u201c\u201d\u201e\u00ab\u00bb]/g, '"')
    .toLowerCase();
}

/** Word tokens: letters and digits of any script, keeping inner ' and - ("jum'at", "anak-anak"). */
export function tokenize(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu) ?? [];
}

/** Counts user-perceived characters well enough for the length limit (code points, not UTF-16 units). */
export function charLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
