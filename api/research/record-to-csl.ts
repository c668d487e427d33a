// Catalogue records to CSL-JSON, the input of every citation style and export format.
import type { CslItem, CslName, NameRole } from "./csl-types.js";
import { parseCatalogueName, type NameRules } from "./indonesian-names.js";

/** The record fields a citation uses; CatalogueRecordView and BibRecord rows both fit. */
export type CitableRecord = {
  id: number;
  title: string;
  subtitle?: string | null;
  authors: string[];
  year?: number | null;
  publisher?: string | null;
  place?: string | null;
  edition?: string | null;
  isbn?: string | null;
  isbns?: string[];
  language?: string | null;
  series?: string | null;
  pages?: number | null;
  format?: string | null;
  ebookUrl?: string | null;
  callNumber?: string | null;
};

// MARC language codes to the BCP 47 tags CSL reads. citeproc title-cases titles only for English
// (or untagged) items, so tagging Indonesian titles keeps "sebuah novel filsafat" as catalogued.
const LANGUAGE_TAGS: Record<string, string> = {
  ind: "id", eng: "en", jav: "jv", sun: "su", may: "ms", ara: "ar", dut: "nl", chi: "zh", jpn: "ja", kor: "ko",
  fre: "fr", ger: "de", spa: "es", por: "pt", tet: "tet", ban: "ban", min: "min", bug: "bug", mad: "mad",
};

/** A MARC language code ("ind") as a BCP 47 tag ("id"); two-letter tags pass through. */
export function languageTag(code: string | null | undefined): string | undefined {
  if (!code) return undefined;
  const c = code.toLowerCase();
  return LANGUAGE_TAGS[c] ?? (/^[a-z]{2}(-[a-z]{2})?$/i.test(c) ? c : undefined);
}

const ORDINAL_WORDS: Record<string, number> = {
  pertama: 1, kesatu: 1, first: 1, kedua: 2, second: 2, ketiga: 3, third: 3, keempat: 4, fourth: 4, kelima: 5, fifth: 5,
  keenam: 6, sixth: 6, ketujuh: 7, seventh: 7, kedelapan: 8, eighth: 8, kesembilan: 9, ninth: 9, kesepuluh: 10, tenth: 10,
};

/**
 * The CSL edition for a catalogue edition statement. Numbered editions become the bare number so
 * each style prints it its own way ("2nd ed.", "2 ed."); a first edition is left out, as the styles
 * want. A printing ("Cetakan ke-3", "Cet. 3", "3rd printing") is not an edition and is left out;
 * anything else ("Edisi revisi") is kept as written.
 */
export function cslEdition(statement: string | null | undefined): string | undefined {
  const s = (statement ?? "").trim().replace(/\s+/g, " ");
  if (!s) return undefined;
  const lower = s.toLowerCase();
  if (/\b(cetakan|cet\.?|printing|impression|print)\b/.test(lower) && !/\b(edisi|ed\.?|edition)\b/.test(lower)) return undefined;
  const number =
    /\b(?:edisi|ed\.?|edition)\s*(?:ke\s*-?\s*)?(\d{1,3})\b/.exec(lower)?.[1] ??
    /\b(\d{1,3})\s*(?:st|nd|rd|th|\.)?\s*(?:ed\.?|edition|edisi)\b/.exec(lower)?.[1] ??
    (/^\d{1,3}$/.test(lower) ? lower : undefined);
  const word = Object.entries(ORDINAL_WORDS).find(([w]) => new RegExp(`\\b${w}\\b`).test(lower))?.[1];
  const n = number !== undefined ? Number(number) : word;
  if (n !== undefined) return n <= 1 ? undefined : String(n);
  return s.replace(/\.$/, "");
}

/** CSL item type for a catalogue format. */
function cslType(format: string | null | undefined): CslItem["type"] {
  switch (format) {
    case "map":
      return "map";
    case "video":
      return "motion_picture";
    case "audio":
    case "music":
      return "song";
    default:
      return "book";
  }
}

/** The CSL id of a catalogue record; typed entries use other prefixes. */
export const recordCslId = (recordId: number): string => `rec-${recordId}`;

/** Sorts catalogue author entries into CSL name variables (translators with "(penerjemah)" and so on). */
export function namesByRole(entries: string[], rules: NameRules): Partial<Record<NameRole, CslName[]>> {
  const out: Partial<Record<NameRole, CslName[]>> = {};
  for (const entry of entries) {
    const parsed = parseCatalogueName(entry, rules);
    if (!parsed) continue;
    (out[parsed.role] ??= []).push(parsed.name);
  }
  return out;
}

/** A catalogue record as CSL-JSON. A record without a year gets no `issued`, so styles print "t.t."/"n.d.". */
export function recordToCsl(record: CitableRecord, rules: NameRules): CslItem {
  const title = record.subtitle ? `${record.title.replace(/[\s:]+$/, "")}: ${record.subtitle}` : record.title;
  const item: CslItem = { id: recordCslId(record.id), type: cslType(record.format), title, ...namesByRole(record.authors, rules) };
  if (record.year) item.issued = { "date-parts": [[record.year]] };
  if (record.publisher) item.publisher = record.publisher;
  if (record.place) item["publisher-place"] = record.place;
  const edition = cslEdition(record.edition);
  if (edition) item.edition = edition;
  const isbn = record.isbn ?? record.isbns?.[0];
  if (isbn) item.ISBN = isbn;
  if (record.series) {
    // "Tetralogi Buru; 1": the number after ";" is the volume in the series.
    const [series, number] = record.series.split(/\s*;\s*/);
    if (series) item["collection-title"] = series;
    if (number) item["collection-number"] = number;
  }
  if (record.pages) item["number-of-pages"] = String(record.pages);
  if (record.format === "ebook" && record.ebookUrl) item.URL = record.ebookUrl;
  const lang = languageTag(record.language);
  if (lang) item.language = lang;
  if (record.callNumber) item["call-number"] = record.callNumber;
  return item;
}
