// Text rules of the research feature, added to the engine's registry. Priorities sit just above
// the engine's citation rule (65), so "cari literatur tentang …" is research rather than a search
// or a bare citation request, and "daftar pustaka saya" opens the list.
import type { TextRule } from "../dialog/intent.js";
import { hasAny, hasPhrase } from "../dialog/keywords.js";
import { toCitationStyle } from "./citation-styles.js";
import { looksLikeTypedMetadata } from "./typed-metadata.js";

const RESEARCH_CUES = ["literatur", "literature", "riset", "research", "penelitian", "skripsi", "tesis", "thesis", "makalah", "jurnal", "journal", "kajian", "referensi", "references", "sumber", "sources"];
const TOPIC_MARKERS = ["tentang", "mengenai", "ttg", "soal", "terkait", "seputar", "about", "on", "regarding", "topik", "topic", "untuk", "for"];
const STYLE_WORDS = ["gaya", "style", "format", "pakai", "pake", "ganti", "ubah", "change", "use"];
// "lihat daftar pustaka saya": words that ask for the list itself, not a citation of a book.
const LIST_WORDS = ["daftar", "pustaka", "bibliografi", "bibliography", "reference", "list", "saya", "ku", "aku", "my", "lihat", "show", "view", "buka", "open", "isi", "mana", "dong", "kak", "min", "tolong", "please", "the"];
const QUESTION_WORDS = [
  "apa", "apakah", "bagaimana", "gimana", "gmn", "kenapa", "mengapa", "knp", "kapan", "siapa", "berapa", "bisakah", "bolehkah", "dimana",
  "how", "what", "why", "when", "who", "which", "can", "could", "is", "are", "do", "does", "should",
];
// The engine's words for "this is a catalogue search" (core-rules.ts); a question with these is a search.
const SEARCH_CUES = ["buku", "bukunya", "novel", "novelnya", "komik", "book", "books", "novels", "judul", "karya", "ttg", "carikan", "cariin", "nyari", "cari", "mencari", "search", "find", "isbn"];

/** Rules for research requests, the reference list, style changes, and questions the rules cannot place. */
export function researchTextRules(opts: { llmEnabled: boolean }): TextRule[] {
  const rules: TextRule[] = [
    {
      name: "research",
      priority: 68,
      match({ tokens, raw }) {
        if (!hasAny(tokens, RESEARCH_CUES)) return null;
        if (hasPhrase(tokens, ["daftar", "pustaka"]) || hasAny(tokens, ["sitasi", "citation", "cite", "kutipan"])) return null;
        const hasTopic = hasAny(tokens, TOPIC_MARKERS) || hasAny(tokens, ["literatur", "literature", "riset", "research"]);
        return hasTopic ? { name: "research", arg: raw, via: "text" } : null;
      },
    },
    {
      name: "bibliography",
      priority: 67,
      match({ tokens }) {
        const list = hasPhrase(tokens, ["daftar", "pustaka"]) || hasAny(tokens, ["bibliografi", "bibliography"]) || hasPhrase(tokens, ["reference", "list"]);
        if (!list) return null;
        if (hasAny(tokens, ["ris", "zotero", "mendeley", "endnote"])) return { name: "bib", arg: "export:ris", via: "text" };
        if (hasAny(tokens, ["bibtex", "bib", "latex"])) return { name: "bib", arg: "export:bib", via: "text" };
        if (hasAny(tokens, ["ekspor", "export", "unduh", "download", "salin", "copy"])) return { name: "bib", arg: "export:txt", via: "text" };
        if (hasAny(tokens, ["kosongkan", "clear"])) return { name: "bib", arg: "clear", via: "text" };
        const rest = tokens.filter((t) => !LIST_WORDS.includes(t));
        return rest.length === 0 ? { name: "bib", arg: "view", via: "text" } : null;
      },
    },
    {
      // "Laskar Pelangi; Andrea Hirata; 2005; Bentang Pustaka; Yogyakarta", as the citation help asks
      // for it: typed metadata is a citation request even without the word "sitasi".
      name: "typed-citation",
      priority: 66,
      match({ raw }) {
        const parts = raw.split(";").map((p) => p.trim());
        const yearPart = parts.some((p) => /^(?:(?:tahun|year)\s*[:=]\s*)?(?:\d{4}|t\.?\s?t\.?|n\.?\s?d\.?)$/i.test(p));
        return looksLikeTypedMetadata(raw) && yearPart ? { name: "cite", via: "text" } : null;
      },
    },
    {
      name: "citation-style",
      priority: 66,
      match({ tokens }) {
        if (!hasAny(tokens, STYLE_WORDS) || !hasAny(tokens, ["sitasi", "citation", "kutipan", "gaya", "style"])) return null;
        const style = tokens.map((t) => toCitationStyle(t)).find((s) => s !== null);
        return { name: "cstyle", arg: style ?? undefined, via: "text" };
      },
    },
  ];
  if (opts.llmEnabled) {
    // Just above the engine's catch-all search (priority 0): a question the rules do not place is
    // routed by the model; without a model the catch-all search answers as before.
    rules.push({
      name: "ask",
      priority: 1,
      match({ tokens, raw }) {
        if (hasAny(tokens, SEARCH_CUES)) return null;
        const question = raw.trim().endsWith("?") || QUESTION_WORDS.includes(tokens[0] ?? "");
        return question && tokens.length >= 2 ? { name: "ask", arg: raw, via: "text" } : null;
      },
    });
  }
  return rules;
}
