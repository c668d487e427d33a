/** Longest name printed on a certificate; longer ones would not fit the line. */
export const MAX_NAME_CHARS = 60;

/**
 * The name a learner typed, cleaned for printing (spacing folded, markup and control characters
 * dropped), or null when it cannot be a name (too short, too long, no letters).
 */
export function cleanLearnerName(raw: string): string | null {
  const s = raw
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}]/gu, " ")
    .replace(/[*_`[\]<>{}|\\]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  const chars = [...s].length;
  if (chars < 2 || chars > MAX_NAME_CHARS || !/\p{L}/u.test(s)) return null;
  return s;
}
