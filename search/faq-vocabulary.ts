// The words FAQ matching adds to the catalogue vocabulary (search/vocabulary/faq.json): stop words
// that every question to the library contains, and same-meaning groups for questions (verb forms,
// the English word). Read strictly like the rest of the vocabulary: a broken file stops the start.
import { z } from "zod";
import type { Lexicon } from "./lexicon.js";
import { words } from "./spelling.js";
import { DEFAULT_VOCABULARY_DIR, readVocabularyFile } from "./vocabulary.js";

const term = z.string().trim().min(1).max(100);
const faqFile = z.object({ stopWords: z.array(term), groups: z.array(z.array(term).min(2)) }).strict();

export type FaqVocabulary = z.infer<typeof faqFile>;

/**
 * Catalogue stop words that carry meaning in a question to the library ("berapa buku boleh
 * dipinjam?"); every other catalogue stop word (question words, pronouns, particles) is noise here too.
 */
const MEANINGFUL = ["buku", "buku2", "book", "books", "pinjam", "tersedia"];

/** Reads faq.json from the vocabulary directory; absent means empty, malformed throws VocabularyError. */
export function loadFaqVocabulary(dir: string = DEFAULT_VOCABULARY_DIR): FaqVocabulary {
  return readVocabularyFile(dir, "faq.json", faqFile) ?? { stopWords: [], groups: [] };
}

/** What FAQ matching uses: folded stop words, the synonyms map for Meilisearch, and content words of a text. */
export type FaqMatching = { stopWords: string[]; synonyms: Record<string, string[]>; contentWords(text: string): string[] };

/** Combines the catalogue lexicon with faq.json. */
export function compileFaqMatching(lexicon: Lexicon, faq: FaqVocabulary): FaqMatching {
  const keep = new Set(MEANINGFUL);
  const stop = new Set([...lexicon.stopWords].filter((w) => !keep.has(w)));
  for (const w of faq.stopWords) for (const f of words(w)) stop.add(f);
  const synonyms: Record<string, Set<string>> = {};
  for (const [k, v] of Object.entries(lexicon.synonyms())) synonyms[k] = new Set(v);
  for (const group of faq.groups) {
    const forms = [...new Set(group.map((g) => words(g).join(" ")).filter(Boolean))];
    for (const f of forms) {
      const set = (synonyms[f] ??= new Set());
      for (const o of forms) if (o !== f) set.add(o);
    }
  }
  return {
    stopWords: [...stop].sort(),
    synonyms: Object.fromEntries(Object.entries(synonyms).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, [...v].sort()])),
    contentWords(text) {
      const all = words(text);
      const kept = all.filter((w) => !stop.has(w));
      return kept.length > 0 ? kept : all;
    },
  };
}
