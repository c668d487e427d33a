// FAQ matching without Meilisearch: the share of content words a question and an entry have in
// common (Dice coefficient over folded words without stop words). Cruder than Meilisearch (no
// typos, no synonyms), so its threshold is set so only near-identical questions match.

export type OverlapRow = { id: number; question: string; answer: string; locale: string };

/** Dice coefficient of two word sets: 2·|A∩B| / (|A|+|B|), 0 when either is empty. */
export function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return (2 * common) / (a.size + b.size);
}

/** Rows scored against the question, best first; rows sharing no word are left out. */
export function bestOverlap<T extends OverlapRow>(question: string, rows: T[], contentWords: (text: string) => string[]): (T & { score: number })[] {
  const q = new Set(contentWords(question));
  return rows
    .map((r) => ({ ...r, score: dice(q, new Set(contentWords(r.question))) }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.id - b.id);
}
