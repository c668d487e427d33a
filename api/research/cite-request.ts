// Reading a chat message as a citation request: which words are the title, which name a style.
import { toCitationStyle, type CitationStyle } from "./citation-styles.js";

// Words around a citation request that are not the title ("buatkan sitasi APA buku …").
const CITE_WORDS = new Set([
  "sitasi", "sitasinya", "kutipan", "mengutip", "citation", "citations", "cite", "referensi", "reference", "buatkan", "buatin", "bikin", "bikinin",
  "buat", "tolong", "minta", "gaya", "format", "style", "dengan", "pakai", "pake", "untuk", "buku", "bukunya", "novel", "dari", "the", "of", "for",
  "in", "please", "dong", "kak", "min", "ya", "make", "me", "a", "an", "edisi", "daftar", "pustaka", "bibliografi",
]);

/** The title words of a citation request, and a style if one was named. */
export function readCiteRequest(text: string): { query: string; style: CitationStyle | null } {
  let style: CitationStyle | null = null;
  const words = text
    .replace(/[?!,;:"“”()]+/g, " ")
    .split(/\s+/)
    .filter(Boolean)
    .filter((w) => {
      // "APA", "MLA9", "IEEE" … name a style, as whole words only ("Harvard" in a title is rare).
      const key = w.toLowerCase().replace(/[^a-z0-9]/g, "");
      if (/^(apa|mla|chicago|ieee|harvard|vancouver)\d*$/.test(key)) {
        style = toCitationStyle(key);
        return false;
      }
      return !CITE_WORDS.has(w.toLowerCase());
    });
  return { query: words.join(" ").trim(), style };
}

/** "sitasi MLA: Judul; …" -> the style named and the typed metadata after the request words. */
export function leadingCiteWords(text: string): { rest: string; style: CitationStyle | null } {
  let rest = text.trimStart();
  let style: CitationStyle | null = null;
  for (;;) {
    const m = /^([^\s;:]+)\s*:?\s*/.exec(rest);
    if (!m) break;
    const word = m[1]!.toLowerCase();
    const key = word.replace(/[^a-z0-9]/g, "");
    if (/^(apa|mla|chicago|ieee|harvard|vancouver)\d*$/.test(key)) style = toCitationStyle(key);
    else if (!CITE_WORDS.has(word)) break;
    rest = rest.slice(m[0].length);
  }
  return { rest, style };
}
