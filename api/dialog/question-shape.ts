// Which chat messages read as questions. Escalation offers a librarian after a zero-hit search
// that was a question; the FAQ looks up only questions about the library (not about a book), so
// ordinary catalogue searches never pay for an extra Meilisearch request.

/** Words that open a question in Indonesian and English (tokens are lower-cased). */
const QUESTION_WORDS = new Set([
  "apa", "apakah", "apakh", "bagaimana", "bagaimanakah", "gimana", "gmn", "gmana", "kenapa", "knp", "mengapa",
  "kapan", "kapankah", "dimana", "dmn", "mana", "manakah", "berapa", "berapakah", "brp", "bisakah", "bisa", "boleh",
  "bolehkah", "adakah", "siapa", "siapakah", "haruskah", "perlukah", "bgmn",
  "how", "what", "why", "where", "when", "can", "could", "do", "does", "is", "are", "who", "which", "may", "should", "will",
]);

/** Greetings and politeness that may come before the question word. */
const OPENERS = new Set(["halo", "hai", "hi", "hello", "kak", "kakak", "min", "permisi", "maaf", "mau", "tanya", "numpang", "pak", "bu", "excuse", "me", "sorry"]);

/** Two-word openings: "di mana", "ke mana". */
const QUESTION_PHRASES = [["di", "mana"], ["ke", "mana"], ["dari", "mana"]];

// The same cues that make the core rules treat a message as a catalogue search (core-rules.ts),
// plus reading formats people ask for by name.
const CATALOGUE_CUES = new Set([
  "buku", "bukunya", "buku2", "novel", "novelnya", "komik", "komiknya", "book", "books", "novels", "judul", "judulnya", "karya",
  "karangan", "ttg", "carikan", "cariin", "nyari", "cari", "mencari", "search", "find", "isbn", "ebook", "e-book", "majalah",
  "magazine", "koran", "skripsi", "penulis", "pengarang", "author",
]);

// "ada X?", "punya X?", "do you have X?": asking whether the library holds something, i.e. a search.
const HOLDING_OPENERS = new Set(["ada", "adakah", "punya", "punyakah", "tersedia", "nyimpen"]);
const HOLDING_PHRASES = [["do", "you", "have"], ["have", "you", "got"], ["do", "you", "hold"], ["is", "there", "a"], ["are", "there", "any"]];

function startsWith(tokens: string[], phrase: string[]): boolean {
  return phrase.every((w, i) => tokens[i] === w);
}

/** True when the message is a catalogue search in question form ("ada buku X?", "punya novel X?", "do you have X?"). */
export function looksLikeCatalogueSearch(tokens: string[]): boolean {
  if (tokens.some((t) => CATALOGUE_CUES.has(t))) return true;
  if (tokens.length > 0 && HOLDING_OPENERS.has(tokens[0]!)) return true;
  return HOLDING_PHRASES.some((p) => startsWith(tokens, p));
}

/** True when a message reads as a question: it ends with "?" or opens (after a greeting) with a question word. */
export function readsAsQuestion(raw: string, tokens: string[]): boolean {
  if (/[?？]\s*$/u.test(raw)) return true;
  // "kak, kapan …", "permisi mau tanya, bagaimana …": polite openers before the question word.
  let start = 0;
  while (start < tokens.length - 1 && start < 3 && OPENERS.has(tokens[start]!)) start++;
  const rest = tokens.slice(start);
  return (rest[0] !== undefined && QUESTION_WORDS.has(rest[0])) || QUESTION_PHRASES.some((p) => startsWith(rest, p));
}

/** A question about the library worth an FAQ lookup: at least two words, question-shaped, not a catalogue search. */
export function readsAsFaqQuestion(raw: string, tokens: string[]): boolean {
  if (tokens.length < 2) return false;
  if (looksLikeCatalogueSearch(tokens)) return false;
  return readsAsQuestion(raw, tokens);
}
