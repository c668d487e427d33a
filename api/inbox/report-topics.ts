// "Top unanswered topics": the words that come up most in questions still waiting for a
// librarian. Deliberately simple so a librarian can check it by hand: a question's keywords are
// its words minus the search stop words, short words and numbers; a keyword's count is the number
// of waiting questions that contain it (once per question).
import { foldText, tokenize } from "../dialog/normalize-text.js";

export type TopicRow = {
  keyword: string;
  /** Waiting questions that contain the keyword. */
  tickets: number;
  /** Ids of up to three of those tickets, oldest first, so the page can show an example. */
  ticketIds: number[];
  /** The oldest of those questions, as an example. */
  example: string;
};

/** Shortest word that counts as a keyword ("ai" and "di" are noise far more often than topics). */
const MIN_KEYWORD_LENGTH = 3;

/** The distinct keywords of one question, in the order they appear. */
export function questionKeywords(question: string, stopWords: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  for (const word of tokenize(question)) {
    if (word.length < MIN_KEYWORD_LENGTH || /^\d+$/.test(word) || stopWords.has(word)) continue;
    out.add(word);
  }
  return [...out];
}

/** Stop words folded the way tokenize() folds questions. */
export function foldStopWords(words: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const w of words) for (const t of tokenize(foldText(w))) out.add(t);
  return out;
}

/**
 * Groups questions (oldest first) by keyword; most tickets first, ties alphabetically. Keywords
 * that occur in only one question are kept: with few waiting tickets they are still the topics.
 */
export function topUnansweredTopics(questions: { id: number; question: string }[], stopWords: ReadonlySet<string>, limit: number): TopicRow[] {
  const byKeyword = new Map<string, { id: number; question: string }[]>();
  for (const q of questions) {
    for (const k of questionKeywords(q.question, stopWords)) {
      const list = byKeyword.get(k);
      if (list) list.push(q);
      else byKeyword.set(k, [q]);
    }
  }
  return [...byKeyword.entries()]
    .map(([keyword, qs]) => ({ keyword, tickets: qs.length, ticketIds: qs.slice(0, 3).map((q) => q.id), example: qs[0]!.question }))
    .sort((a, b) => b.tickets - a.tickets || (a.keyword < b.keyword ? -1 : a.keyword > b.keyword ? 1 : 0))
    .slice(0, limit);
}
