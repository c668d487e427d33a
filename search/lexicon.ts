// The vocabulary compiled for use: folded, stop words removed, and indexed by first word so a
// 100,000-record reindex can enrich every document without scanning every entry.
import { words } from "./spelling.js";
import type { Vocabulary } from "./vocabulary.js";

/** Meilisearch ignores multi-word synonym keys longer than this (checked against 1.21). */
export const MAX_SYNONYM_KEY_WORDS = 3;

/**
 * Words kept on each side of a phrase replaced by its synonym in expansions(): "budidaya cabai
 * rawit" is also indexed as "budidaya cabe rawit", so the query "cabe rawit" finds the two words
 * side by side, as query-time synonyms did, instead of far apart in two fields.
 */
export const EXPANSION_CONTEXT_WORDS = 3;

type Phrase<T> = { words: string[]; value: T };

/** Phrases indexed by their first word, for finding them inside a longer word list. */
class PhraseIndex<T> {
  private readonly byFirst = new Map<string, Phrase<T>[]>();

  add(phraseWords: string[], value: T): void {
    if (phraseWords.length === 0) return;
    const first = phraseWords[0]!;
    const list = this.byFirst.get(first) ?? [];
    list.push({ words: phraseWords, value });
    this.byFirst.set(first, list);
  }

  /** Phrases occurring as a contiguous run of `text`, longest first at each position. */
  inSequence(text: string[]): { start: number; end: number; value: T }[] {
    const found: { start: number; end: number; value: T }[] = [];
    for (let i = 0; i < text.length; i++) {
      for (const p of this.byFirst.get(text[i]!) ?? []) {
        if (p.words.every((w, k) => text[i + k] === w)) found.push({ start: i, end: i + p.words.length, value: p.value });
      }
    }
    return found.sort((a, b) => a.start - b.start || b.end - a.end);
  }

  /** Phrases all of whose words occur in `set`, in any order (subject headings are inverted: "Kambing -- Peternakan"). */
  inSet(set: Set<string>): T[] {
    const out: T[] = [];
    for (const w of set) {
      for (const p of this.byFirst.get(w) ?? []) if (p.words.every((x) => set.has(x))) out.push(p.value);
    }
    return out;
  }
}

/**
 * Index-time synonyms for groups of same-meaning phrases (folded, stop-word free): for the words of
 * a text, each phrase of a group it contains replaced in turn by every other form of that group,
 * with a few words of context. A form of two or three words is added as one word ("usaha tani" ->
 * "usahatani"): Meilisearch also searches every two or three adjacent query words joined, so the
 * query "usaha tani" finds it, while the query "tani" alone does not (with query-time synonyms it
 * did not either; as two words it made "tani" find every "pertanian"). Longer forms were never a
 * synonym key Meilisearch used (MAX_SYNONYM_KEY_WORDS), so they are found in a text but not added.
 */
export function createExpander(groups: string[][]): (textWords: string[]) => string[] {
  const forms = groups.map((phrases) =>
    phrases.filter((phrase) => phrase.split(" ").length <= MAX_SYNONYM_KEY_WORDS).map((phrase) => ({ phrase, token: phrase.replaceAll(" ", "") })),
  );
  const index = new PhraseIndex<{ group: number; phrase: string }>();
  groups.forEach((phrases, group) => {
    for (const phrase of phrases) index.add(phrase.split(" "), { group, phrase });
  });
  return (textWords) => {
    const out: string[] = [];
    for (const m of index.inSequence(textWords)) {
      const before = textWords.slice(Math.max(0, m.start - EXPANSION_CONTEXT_WORDS), m.start);
      const after = textWords.slice(m.end, m.end + EXPANSION_CONTEXT_WORDS);
      for (const other of forms[m.value.group]!) {
        if (other.phrase !== m.value.phrase) out.push([...before, other.token, ...after].join(" "));
      }
    }
    return uniq(out);
  };
}

/** The vocabulary ready for indexing and querying. */
export type Lexicon = {
  stopWords: Set<string>;
  /** Folded words of a text without stop words (all of them when every word is a stop word). */
  contentWords(text: string): string[];
  /** Alternative forms of a record's authors, folded: direct order and the authors.json variants. */
  authorForms(authors: string[]): string[];
  /** Other titles of a record from titles.json (translations, nicknames, abbreviations), folded. */
  titleForms(title: string, subtitle: string | null): string[];
  /** Subject terms (Indonesian and English) the record's title or subject headings name, folded. */
  topicTerms(title: string, subjects: string[]): string[];
  /** Replaces everyday phrases in a word list with the formal terms of everyday.json. */
  rewriteEveryday(queryWords: string[]): { words: string[]; matched: boolean };
  /**
   * The text with each vocabulary phrase it contains (synonym groups, subjects, author and title
   * forms) replaced in turn by every other form of that entry (multi-word forms joined into one
   * word), each cut to a few words of context; folded and stop-word free. Indexed beside the text, this does what query-time synonyms did.
   */
  expansions(text: string): string[];
  /** The same-meaning groups expansions() uses (synonyms, subjects, author and title forms), as folded stop-word-free phrases. */
  groups(): string[][];
};

function uniq(list: string[]): string[] {
  return [...new Set(list.filter(Boolean))];
}

/** "Toer, Pramoedya Ananta, 1925-2006" -> "Pramoedya Ananta Toer"; names without a comma stay as they are. */
export function directOrder(name: string): string {
  const parts = name
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p && !/\d/.test(p));
  if (parts.length < 2) return parts[0] ?? name.trim();
  return [...parts.slice(1), parts[0]].join(" ");
}

/** Compiles the vocabulary once; the result is shared by the index and the query builder. */
export function compileLexicon(vocab: Vocabulary): Lexicon {
  const stopWords = new Set(vocab.stopWords.flatMap((w) => words(w)));
  const contentWords = (text: string): string[] => {
    const all = words(text);
    const kept = all.filter((w) => !stopWords.has(w));
    return kept.length > 0 ? kept : all;
  };
  // An author is the same person whatever order and punctuation the name is written in.
  const authorKey = (name: string): string =>
    words(name)
      .filter((w) => !/^\d+$/.test(w))
      .sort()
      .join(" ");
  const phraseKey = (text: string): string => contentWords(text).join(" ");

  // Values are folded once here: the index only needs the folded forms (queries are folded too),
  // and folding every term of every matching entry per record made a reindex CPU-bound.
  const fold = (text: string) => words(text).join(" ");

  const authorsByKey = new Map<string, string[]>();
  for (const a of vocab.authors) {
    const forms = uniq([a.name, directOrder(a.name), ...a.variants]);
    const folded = uniq(forms.map(fold));
    for (const f of forms) {
      const k = authorKey(f);
      if (k) authorsByKey.set(k, uniq([...(authorsByKey.get(k) ?? []), ...folded]));
    }
  }

  const titlesByKey = new Map<string, string[]>();
  for (const t of vocab.titles) {
    const forms = uniq([t.title, ...t.variants]);
    const folded = uniq(forms.map(fold));
    for (const f of forms) {
      const k = phraseKey(f);
      if (k) titlesByKey.set(k, uniq([...(titlesByKey.get(k) ?? []), ...folded]));
    }
  }

  const subjectIndex = new PhraseIndex<number>();
  const subjectTerms = vocab.subjects.map((s) => uniq([...s.id, ...s.en]));
  const subjectFolded = subjectTerms.map((list) => uniq(list.map(fold)));
  subjectTerms.forEach((list, i) => {
    for (const term of list) subjectIndex.add(contentWords(term), i);
  });

  const everydayIndex = new PhraseIndex<number>();
  const everydayTerms = vocab.everyday.map((e) => uniq(e.terms.flatMap((t) => contentWords(t))));
  vocab.everyday.forEach((e, i) => {
    for (const p of e.phrases) everydayIndex.add(contentWords(p), i);
  });

  // The same mutual groups the synonyms map is built from, as stop-word-free folded phrases.
  const synonymGroups: string[][] = [
    ...vocab.synonymGroups,
    ...subjectTerms,
    ...vocab.authors.map((a) => [directOrder(a.name), ...a.variants]),
    ...vocab.titles.map((t) => [t.title, ...t.variants]),
  ]
    .map((group) => uniq(group.map(phraseKey)))
    .filter((phrases) => phrases.length > 1);
  const expand = createExpander(synonymGroups);

  return {
    stopWords,
    contentWords,

    expansions: (text) => (text ? expand(contentWords(text)) : []),

    groups: () => synonymGroups,

    authorForms(authors) {
      const out: string[] = [];
      for (const a of authors) {
        out.push(fold(directOrder(a)));
        out.push(...(authorsByKey.get(authorKey(a)) ?? []));
      }
      return uniq(out);
    },

    titleForms(title, subtitle) {
      const keys = [phraseKey(title)];
      if (subtitle) keys.push(phraseKey(`${title} ${subtitle}`));
      const out: string[] = [];
      for (const k of keys) out.push(...(titlesByKey.get(k) ?? []));
      return uniq(out);
    },

    topicTerms(title, subjects) {
      const hit = new Set<number>();
      for (const m of subjectIndex.inSequence(contentWords(title))) hit.add(m.value);
      for (const s of subjects) for (const i of subjectIndex.inSet(new Set(contentWords(s)))) hit.add(i);
      const out: string[] = [];
      for (const i of hit) out.push(...subjectFolded[i]!);
      return uniq(out);
    },

    rewriteEveryday(queryWords) {
      const matches = everydayIndex.inSequence(queryWords);
      if (matches.length === 0) return { words: queryWords, matched: false };
      const out: string[] = [];
      let i = 0;
      for (const m of matches) {
        if (m.start < i) continue; // overlapped by a longer phrase already replaced
        out.push(...queryWords.slice(i, m.start), ...everydayTerms[m.value]!);
        i = m.end;
      }
      out.push(...queryWords.slice(i));
      return { words: uniq(out), matched: true };
    },
  };
}
