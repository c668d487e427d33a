// Keeps the model to the books we gave it. Every book it mentions must be one of the retrieved
// records: the prompt asks it to tag each with its reference ("[R2]"), and anything that looks
// like a title (quoted, italic, bold, or "buku Xxx Yyy") must match a record's title. A sentence
// that names an unknown reference or an unknown title is removed whole, because half a sentence
// about an invented book still misleads. Which records the kept text used is worked out here,
// not taken from the model.

export type GroundingSource = { ref: string; title: string; subtitle?: string | null; authors?: string[] };

export type GroundedAnswer = {
  text: string;
  /** References of the records the kept text mentions, in first-mention order. */
  usedRefs: string[];
  /** Sentences that were removed (for tests and a debug log; never shown to users). */
  removed: string[];
};

/** Names the model may emphasise that are not books in our catalogue: places to search, not sources. */
export const ALLOWED_NAMES = [
  "Garuda", "Portal Garuda", "Google Scholar", "Google Cendekia", "iPusnas", "Perpusnas", "e-Resources Perpusnas", "DOAJ", "SINTA",
  "Neliti", "OneSearch", "Indonesia OneSearch", "Moraref", "ISJD", "Google Books", "Tanya Pustaka",
];

const FUNCTION_WORDS = new Set([
  "dan", "di", "ke", "dari", "yang", "untuk", "dengan", "dalam", "pada", "atau", "the", "of", "and", "in", "on", "for", "to", "a", "an", "with", "at", "by",
]);

/** Lowercase, no diacritics or punctuation: how titles are compared. */
export function foldTitle(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function looksLikeTitle(span: string): boolean {
  const s = span.trim();
  // "Saran:" and "Kata kunci:" are labels the model uses for structure.
  if (s.length < 2 || s.length > 160 || /:$/.test(s)) return false;
  const words = s.split(/\s+/).filter((w) => /\p{L}|\p{N}/u.test(w));
  if (words.length === 0) return false;
  const content = words.filter((w) => !FUNCTION_WORDS.has(w.toLowerCase()));
  if (content.length === 0) return false;
  const capitalised = content.filter((w) => /^[\p{Lu}\p{N}"“'‘(]/u.test(w)).length;
  return /^[\p{Lu}\p{N}"“'‘(]/u.test(words[0]!) && capitalised / content.length >= 0.6;
}

// Quoted, italic and bold spans: how titles are written.
const SPAN_PATTERNS = [
  /“([^”\n]{2,160})”/g,
  /"([^"\n]{2,160})"/g,
  /‘([^’\n]{2,160})’/g,
  /«([^»\n]{2,160})»/g,
  /(?<![\p{L}\p{N}_])_([^_\n]{2,160})_(?![\p{L}\p{N}_])/gu,
  /\*\*?([^*\n]{2,160})\*\*?/g,
];
// "buku Xxx Yyy": a title written without marks, or an author ("buku Tere Liye").
const PHRASE_PATTERN = /\b(?:buku|novel|book|judul)\s+((?:[\p{Lu}\p{N}][\p{L}\p{N}'’-]*(?:\s+|$)){2,})/gu;

type Candidate = { text: string; authorOk: boolean };

function candidateTitles(sentence: string): Candidate[] {
  const out: Candidate[] = [];
  const clean = (t: string) => t.replace(/\s*\[R\d+\]\s*$/i, "").trim();
  for (const re of SPAN_PATTERNS) for (const m of sentence.matchAll(re)) out.push({ text: clean(m[1]!), authorOk: false });
  for (const m of sentence.matchAll(PHRASE_PATTERN)) out.push({ text: clean(m[1]!), authorOk: true });
  return out.filter((c) => looksLikeTitle(c.text));
}

function matchesAuthor(candidate: string, sources: GroundingSource[]): GroundingSource | null {
  const c = foldTitle(candidate);
  for (const s of sources) {
    for (const a of s.authors ?? []) {
      // "Hirata, Andrea" is written "Andrea Hirata" in prose: compare the words, not their order.
      const words = foldTitle(a.replace(/\([^)]*\)/g, "")).split(" ").sort().join(" ");
      if (words && words === c.split(" ").sort().join(" ")) return s;
    }
  }
  return null;
}

/** True when a mentioned title is one of the sources (exact, or one containing most of the other). */
export function matchesSource(candidate: string, sources: GroundingSource[]): GroundingSource | null {
  const c = foldTitle(candidate);
  if (!c) return null;
  for (const s of sources) {
    for (const full of [s.title, s.subtitle ? `${s.title} ${s.subtitle}` : null]) {
      if (!full) continue;
      const t = foldTitle(full);
      if (c === t) return s;
      const [short, long] = c.length < t.length ? [c, t] : [t, c];
      if (long.includes(short) && short.length / long.length >= 0.6) return s;
      // "Laskar Pelangi" for "Laskar Pelangi: edisi ulang tahun": the main title alone counts.
      if (c === foldTitle(s.title)) return s;
    }
  }
  return null;
}

// A full stop after these is not the end of a sentence ("Dr. Yohanes", "dkk. 2020").
const ABBREVIATIONS = /(?:^|\s)(?:dr|prof|ir|drs|dra|h|hj|kh|st|jl|no|hlm|vol|ed|eds|cet|dkk|dll|dsb|mr|mrs|ms|sdr|bpk|al|e\.g|i\.e|vs|\p{Lu})\.$/iu;

function splitSentences(line: string): string[] {
  const out: string[] = [];
  for (const piece of line.split(/(?<=[.!?])\s+(?=[\p{Lu}"“*_(\[-])/u)) {
    const last = out[out.length - 1];
    if (last !== undefined && ABBREVIATIONS.test(last)) out[out.length - 1] = `${last} ${piece}`;
    else out.push(piece);
  }
  return out;
}

/**
 * Removes sentences that mention a book not in `sources`; reports which sources the rest used.
 * With `requireRef`, a sentence must also cite a source tag: advice about our books has no reason
 * to say anything else, so whatever a manipulated model adds ("my system prompt is …") goes too.
 */
export function groundAnswer(answer: string, sources: GroundingSource[], opts: { allowed?: string[]; requireRef?: boolean } = {}): GroundedAnswer {
  const allowed = new Set([...ALLOWED_NAMES, ...(opts.allowed ?? [])].map(foldTitle));
  const byRef = new Map(sources.map((s) => [s.ref.toUpperCase(), s]));
  const used: string[] = [];
  const removed: string[] = [];
  const use = (ref: string) => {
    if (!used.includes(ref)) used.push(ref);
  };

  const keptLines: string[] = [];
  for (const line of answer.replace(/\r\n/g, "\n").split("\n")) {
    const kept: string[] = [];
    for (const sentence of splitSentences(line)) {
      const refs = [...sentence.matchAll(/\[(R\d+)\]/gi)].map((m) => m[1]!.toUpperCase());
      const unknownRef = refs.some((r) => !byRef.has(r));
      const titles = candidateTitles(sentence).filter((t) => !allowed.has(foldTitle(t.text)));
      const byTitle = titles.map((t) => matchesSource(t.text, sources));
      const grounded = titles.every((t, i) => byTitle[i] !== null || (t.authorOk && matchesAuthor(t.text, sources) !== null));
      if (unknownRef || !grounded || (opts.requireRef && refs.length === 0)) {
        removed.push(sentence);
        continue;
      }
      for (const r of refs) use(r);
      // Naming an author is not using one of their books; naming a title is.
      for (const m of byTitle) if (m) use(m.ref.toUpperCase());
      kept.push(sentence);
    }
    const text = kept.join(" ").trimEnd();
    // A list item whose only sentence went leaves nothing worth a bullet.
    if (kept.length === 0 && line.trim()) continue;
    if (/^\s*(?:[-*•]|\d+[.)])\s*$/.test(text)) continue;
    keptLines.push(text);
  }
  const text = keptLines.join("\n").replace(/\n{3,}/g, "\n\n").trim();
  return { text, usedRefs: used, removed };
}
