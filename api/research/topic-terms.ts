// Search terms for a research topic from the library's own vocabulary (search/vocabulary):
// Indonesian and English subject terms, synonyms, and everyday phrases made formal. No model is
// needed; librarians improve the results by editing the vocabulary files.
import type { Vocabulary } from "../../search/vocabulary.js";
import { plainText } from "../../search/spelling.js";

export type TopicTerms = {
  /** The topic as the user wrote it, without the chat words around it ("stunting di NTT"). */
  topic: string;
  indonesian: string[];
  english: string[];
  /** Other words for the same thing that are not already in the two lists. */
  synonyms: string[];
  /** Topic words the vocabulary does not know ("ntt"): good for narrowing. */
  otherWords: string[];
};

// Words around a research request that are not its topic (folded).
const REQUEST_WORDS = new Set([
  "bantu", "bantuin", "tolong", "carikan", "cariin", "cari", "mencari", "nyari", "literatur", "literatures", "literature", "referensi",
  "reference", "references", "sumber", "source", "sources", "bacaan", "bahan", "tentang", "mengenai", "ttg", "soal", "terkait", "seputar",
  "about", "on", "regarding", "untuk", "for", "buat", "tugas", "skripsi", "tesis", "thesis", "makalah", "paper", "papers", "penelitian",
  "riset", "research", "kajian", "karya", "tulis", "ilmiah", "saya", "aku", "gue", "gw", "my", "me", "i", "need", "butuh", "perlu", "mau",
  "ingin", "dong", "ya", "kak", "min", "please", "pls", "help", "find", "topik", "topic", "jurnal", "journal", "journals", "artikel", "article",
  "articles", "buku", "books", "book", "apa", "ada", "yang", "bagus", "good", "some", "any", "mencarikan", "minta", "can", "you", "could",
  "the", "a", "an", "with", "assignment", "essay", "esai", "tugasku", "skripsiku", "kuliah", "sekolah", "dosen",
]);
const EDGE_WORDS = new Set(["di", "dan", "ke", "dari", "yang", "dengan", "and", "of", "in", "at", "to", "the", "a", "an", "for", "on"]);

// "… tentang X": what follows is the topic, request words and all ("metode penelitian kualitatif").
const TOPIC_MARKERS = new Set(["tentang", "mengenai", "ttg", "soal", "terkait", "seputar", "about", "on", "regarding", "topik", "topic"]);
// "… untuk skripsi saya": where a trailing purpose starts.
const PURPOSE_WORDS = new Set(["untuk", "buat", "for"]);

/**
 * The topic of a research request. After a topic marker ("tentang", "on") the rest is the topic,
 * minus a trailing purpose made only of request words ("untuk skripsi saya"); without a marker the
 * request words are removed wherever they are. Connectors are trimmed at both ends.
 */
export function extractTopic(text: string): string {
  const tokens = text.replace(/[?!.,;:"“”'’()]+/g, " ").split(/\s+/).filter(Boolean);
  const marker = tokens.findIndex((t) => TOPIC_MARKERS.has(plainText(t)));
  let kept: string[];
  if (marker >= 0 && marker < tokens.length - 1) {
    kept = tokens.slice(marker + 1);
    const purpose = kept.findIndex((t, i) => i > 0 && PURPOSE_WORDS.has(plainText(t)) && kept.slice(i + 1).every((w) => REQUEST_WORDS.has(plainText(w))));
    if (purpose > 0) kept = kept.slice(0, purpose);
  } else {
    kept = tokens.filter((t) => !REQUEST_WORDS.has(plainText(t)));
  }
  while (kept.length > 0 && EDGE_WORDS.has(plainText(kept[0]!))) kept.shift();
  while (kept.length > 0 && EDGE_WORDS.has(plainText(kept[kept.length - 1]!))) kept.pop();
  return kept.join(" ").trim();
}

const containsPhrase = (haystack: string, phrase: string) => phrase.length > 0 && ` ${haystack} `.includes(` ${phrase} `);
const uniq = (list: string[]) => [...new Set(list)];

/** Builds the term finder over a vocabulary (read once at start). */
export function createTopicTerms(vocabulary: Vocabulary) {
  const stop = new Set(vocabulary.stopWords);
  return {
    /** Keywords in both languages, synonyms and unknown words for a topic. */
    terms(topic: string): TopicTerms {
      const folded = plainText(topic);
      const formal = vocabulary.everyday.filter((e) => e.phrases.some((p) => containsPhrase(folded, plainText(p)))).flatMap((e) => e.terms.map(plainText));
      const mentions = (term: string) => containsPhrase(folded, plainText(term)) || formal.includes(plainText(term));
      const subjects = vocabulary.subjects.filter((s) => [...s.id, ...s.en].some(mentions));
      const indonesian = uniq(subjects.flatMap((s) => s.id)).slice(0, 6);
      const english = uniq(subjects.flatMap((s) => s.en)).slice(0, 6);
      const listed = new Set([...indonesian, ...english].map(plainText));
      const synonyms = uniq(
        vocabulary.synonymGroups.filter((g) => g.some((t) => mentions(t) || listed.has(plainText(t)))).flat().filter((t) => !listed.has(plainText(t))),
      ).slice(0, 6);
      const known = [...listed, ...synonyms.map(plainText), ...formal].join(" ").split(" ");
      const otherWords = uniq(folded.split(" ").filter((w) => w.length > 1 && !stop.has(w) && !EDGE_WORDS.has(w) && !known.includes(w)));
      return { topic, indonesian: indonesian.length > 0 ? indonesian : topic ? [topic] : [], english, synonyms, otherWords };
    },
  };
}

export type TopicTermFinder = ReturnType<typeof createTopicTerms>;
