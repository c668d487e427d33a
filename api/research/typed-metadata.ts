// "judul; penulis; tahun; penerbit; kota": a book the user types because it is not in the catalogue.
// Fields may also be labelled ("judul: …; penulis: …"), in either language, in any order.
import crypto from "node:crypto";
import type { CslItem } from "./csl-types.js";
import { parseName, splitTypedAuthors, type NameRules } from "./indonesian-names.js";
import { cslEdition } from "./record-to-csl.js";

export type TypedField = "title" | "author" | "year" | "publisher" | "place" | "edition" | "isbn";

const POSITIONS: TypedField[] = ["title", "author", "year", "publisher", "place"];

const LABELS: Record<string, TypedField> = {
  judul: "title", title: "title", penulis: "author", pengarang: "author", author: "author", authors: "author",
  tahun: "year", year: "year", penerbit: "publisher", publisher: "publisher", kota: "place", tempat: "place",
  place: "place", city: "place", edisi: "edition", edition: "edition", isbn: "isbn",
};

const NO_DATE = /^(t\.?\s*t\.?|tanpa tahun|tanpa tanggal|n\.?\s*d\.?|no date|-+|\?)$/i;

/** What was wrong with typed metadata, field by field, so the reply can say which part to fix. */
export class TypedMetadataError extends Error {
  constructor(readonly problems: Array<{ field: TypedField; problem: "missing" | "invalid"; value?: string }>) {
    super(problems.map((p) => `${p.field}: ${p.problem}${p.value ? ` (${p.value})` : ""}`).join("; "));
    this.name = "TypedMetadataError";
  }
}

/** True when a message looks like typed citation metadata: at least title; author separated by ";". */
export function looksLikeTypedMetadata(text: string): boolean {
  const parts = text.split(";").map((p) => p.trim());
  return parts.length >= 3 && parts.filter(Boolean).length >= 3 && text.length <= 600;
}

const INDONESIAN_WORDS = /\b(dan|yang|di|ke|dari|untuk|dengan|dalam|pada|sebuah|tentang|bagi|sang|para|menuju|kisah|cerita)\b/i;
const ENGLISH_WORDS = /\b(the|of|and|in|for|to|an?|with|on|from|how|why|what|your|my)\b/i;

/** The language of a title, from its function words; `fallback` when it has none of them. */
export function guessTitleLanguage(title: string, fallback: "id" | "en"): "id" | "en" {
  const id = INDONESIAN_WORDS.test(title);
  const en = ENGLISH_WORDS.test(title);
  if (id && !en) return "id";
  if (en && !id) return "en";
  return fallback;
}

/** Parses typed metadata into a CSL item; throws TypedMetadataError naming each bad field. */
export function parseTypedMetadata(text: string, rules: NameRules, opts: { locale: "id" | "en"; now?: Date }): CslItem {
  const fields: Partial<Record<TypedField, string>> = {};
  const parts = text.split(";").map((p) => p.trim());
  let position = 0;
  for (const part of parts) {
    const labelled = /^([\p{L}]+)\s*[:=]\s*(.*)$/u.exec(part);
    const field = labelled ? LABELS[labelled[1]!.toLowerCase()] : undefined;
    if (field) fields[field] = labelled![2]!.trim();
    else {
      const positional = POSITIONS[position];
      if (positional && fields[positional] === undefined) fields[positional] = part;
    }
    position += 1;
  }

  const problems: TypedMetadataError["problems"] = [];
  const title = (fields.title ?? "").replace(/^["“'‘]|["”'’]$/g, "").trim();
  if (!title) problems.push({ field: "title", problem: "missing" });

  let year: number | undefined;
  const yearText = (fields.year ?? "").trim();
  if (yearText && !NO_DATE.test(yearText)) {
    const thisYear = (opts.now ?? new Date()).getUTCFullYear();
    const m = /^(?:c\.?\s*|©\s*)?(\d{4})$/.exec(yearText);
    const y = m ? Number(m[1]) : NaN;
    if (!(y >= 1000 && y <= thisYear + 1)) problems.push({ field: "year", problem: "invalid", value: yearText });
    else year = y;
  }
  if (problems.length > 0) throw new TypedMetadataError(problems);

  const names = splitTypedAuthors(fields.author ?? "", rules).map((n) => parseName(n, rules));
  const item: CslItem = {
    id: `typed-${crypto.createHash("sha1").update(text.trim().toLowerCase()).digest("hex").slice(0, 10)}`,
    type: "book",
    title,
    language: guessTitleLanguage(title, opts.locale),
  };
  if (names.length > 0) item.author = names;
  // "Budi Santoso dkk." loses its "dkk.": a literal would be printed as a name, and the style
  // abbreviates long author lists itself.
  if (year) item.issued = { "date-parts": [[year]] };
  if (fields.publisher) item.publisher = fields.publisher;
  if (fields.place) item["publisher-place"] = fields.place;
  const edition = cslEdition(fields.edition);
  if (edition) item.edition = edition;
  if (fields.isbn) item.ISBN = fields.isbn.replace(/[^0-9Xx]/g, "");
  return item;
}
