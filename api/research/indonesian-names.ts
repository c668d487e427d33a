/*
 * Personal names for citations: how a name becomes a CSL name without being mangled.
 *
 * Citation styles print the family name first and abbreviate the rest ("Toer, P. A."), so a
 * wrong split is a visible error: "Sukarno" must never become "Sukarno, S." and "Tere Liye"
 * never "Liye, T.". The rule follows the Indonesian cataloguing practice for personal names
 * (entry under the last element unless the name has none to invert) and is, in order:
 *
 *  1. Roles and dates are not part of the name: "Kilbane, Angie (penerjemah)" is a translator,
 *     "Toer, Pramoedya Ananta, 1925-2006" drops its dates.
 *  2. Academic degrees after a comma are removed ("Budi Santoso, S.Pd., M.Pd."), and so are
 *     titles and forms of address in front ("Prof. Dr. Ir.", "H.", "Hj.", "K.H.", "Buya", "Bung",
 *     "Romo", "Pdt." …). One-letter titles ("H.", "K.H.") only go when a full word follows, because
 *     "H. B. Jassin" is a man's initials. Nobility titles (Raden, R.A., Teuku, Andi, Ki, Sutan …)
 *     belong to the name and stay in the given part, as the catalogue heading keeps them.
 *  3. Organisations ("Badan Pusat Statistik", "Tim Penyusun", "UNICEF") are a `literal`.
 *  4. One word left ("Sukarno", "Hamka", "Soeharto") is a `literal`: there is nothing to split.
 *  5. Names the library knows to have no family part (headings without a comma in
 *     search/vocabulary/authors.json such as "Tere Liye", plus the built-in list below) and names
 *     with a patronymic "bin"/"binti" ("Abdullah bin Nuh") are a `literal`, as typed.
 *  6. Catalogue form "Family, Given" is split at the comma: family "Toer", given "Pramoedya Ananta".
 *  7. A name ending in initials ("Jogiyanto H. M.", a common Indonesian heading) is entered under
 *     the word before the initials: family "Jogiyanto", given "H. M.".
 *     Otherwise (typed in direct order, "Pramoedya Ananta Toer") the family name is the last
 *     word, with lowercase particles before it ("van der", "de") as the CSL non-dropping particle
 *     and a generational suffix after it ("Jr.", "III") as the CSL suffix. A name the library knows
 *     under "Family, Given" with a family of several words ("El Shirazy, Habiburrahman") keeps
 *     those words together when the typed name ends with them.
 *
 * api/research/README-names.md explains the same rule for librarians, with examples.
 */
import type { CslName, NameRole } from "./csl-types.js";

/** Names with no family part to invert that are common in Indonesian references. */
export const BUILT_IN_LITERAL_NAMES = [
  "Sukarno", "Soekarno", "Soeharto", "Suharto", "Hamka", "Boediono", "Tere Liye", "Gus Dur", "Cak Nun",
  "Mohammad Natsir", "Sri Sultan Hamengkubuwono IX", "Kho Ping Hoo", "Asmaraman S. Kho Ping Hoo",
];

// Titles and forms of address in front of a name (folded: lowercase, no dots).
const PREFIX_TITLES = new Set([
  "prof", "dr", "ir", "drs", "dra", "hj", "kyai", "kiai", "buya", "ustadz", "ustaz", "ustadzah", "ustazah",
  "habib", "syekh", "syaikh", "pdt", "romo", "rm", "pastor", "pater", "mgr", "bapak", "bpk", "ibu", "bung",
  "mr", "mrs", "ms", "sir", "ust", "drg", "apt",
]);
// One-letter titles that are also initials: dropped only before a full word.
const AMBIGUOUS_TITLES = new Set(["h", "kh"]);

// Academic degrees written after a comma (folded: lowercase, no dots or spaces).
const DEGREES = new Set([
  "spd", "mpd", "sh", "mh", "se", "mm", "skom", "mkom", "st", "mt", "ssi", "msi", "ssos", "msos", "sag", "mag", "ss",
  "mhum", "skep", "ns", "sked", "mkes", "skm", "lc", "ma", "msc", "phd", "ba", "bsc", "sip", "apt", "mfarm", "sfarm",
  "spsi", "mpsi", "sth", "mth", "mba", "ak", "cpa", "spa", "spog", "sppd", "mars", "drh", "sgz", "mgz", "spt", "mp",
  "sp", "mpa", "mtr", "dea", "edd", "md", "llm", "sikom", "mikom", "shi", "mhi", "spdi", "mpdi", "sei", "mei", "mag",
]);

const GENERATIONAL_SUFFIXES = new Set(["jr", "sr", "ii", "iii", "iv"]);
const PARTICLES = new Set(["van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "ter", "ten", "dos", "del"]);

// A word that makes the whole name an organisation (folded).
const CORPORATE_WORDS = new Set([
  "badan", "dinas", "kementerian", "kementrian", "departemen", "direktorat", "lembaga", "yayasan", "universitas", "institut",
  "sekolah", "perpustakaan", "pusat", "tim", "panitia", "pemerintah", "provinsi", "kabupaten", "dewan", "majelis",
  "komisi", "balai", "biro", "bank", "pt", "cv", "persatuan", "ikatan", "asosiasi", "himpunan", "organisasi",
  "perkumpulan", "forum", "kantor", "redaksi", "penerbit", "gereja", "keuskupan", "muhammadiyah", "nahdlatul",
  "ministry", "department", "institute", "university", "association", "organization", "organisation", "council",
  "committee", "agency", "bureau", "society", "foundation", "office", "team", "unicef", "unesco", "who", "fao", "undp",
  "bps", "lipi", "brin", "bappenas", "bappeda", "kemendikbud", "kemenkes", "perpusnas", "ri", "republik", "negara", "konferensi",
  "sekretariat", "kepolisian", "mahkamah", "akademi", "politeknik", "fakultas", "komunitas", "kelompok", "jaringan", "koalisi",
  "partai", "serikat", "kongres", "lsm", "ngo",
]);

// Roles as the catalogue writes them in brackets, to CSL name variables. "penyusun" (compiler) is
// cited like an editor in Indonesian practice.
const ROLE_WORDS: Array<[RegExp, NameRole]> = [
  [/^(penerjemah|penterjemah|alih bahasa|pengalih bahasa|penerjemahan|terjemahan|translator|trans|trl|tr|terj|penerj)$/, "translator"],
  [/^(editor|penyunting|ed|eds|edt|penyusun|compiler|comp|com|penghimpun|peny)$/, "editor"],
  [/^(ilustrator|illustrator|ill|ilus|ilustrasi|penggambar)$/, "illustrator"],
  [/^(pengarang|penulis|author|aut|writer|creator|cre|pengarang utama)$/, "author"],
];

/** What the name rules need to know about the library's authors. */
export type NameRules = {
  /** Folded names to keep whole. */
  literal: Set<string>;
  /** Folded multi-word family names from "Family, Given" headings ("el shirazy"). */
  multiWordFamilies: Set<string>;
};

/** Lowercase, no diacritics, no dots, single spaces: the form names are compared in. */
export function foldName(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[.]/g, " ")
    .replace(/[^\p{L}\p{N}' -]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Builds the rules from the vocabulary's author headings ("Hamka", "Hatta, Mohammad") and the built-in list. */
export function createNameRules(authorHeadings: Array<{ name: string; variants?: string[] }> = [], extraLiterals: string[] = []): NameRules {
  const literal = new Set<string>();
  const multiWordFamilies = new Set<string>();
  for (const name of [...BUILT_IN_LITERAL_NAMES, ...extraLiterals]) literal.add(foldName(name));
  for (const entry of authorHeadings) {
    const comma = entry.name.indexOf(",");
    if (comma < 0) {
      literal.add(foldName(entry.name));
      // Variants of a name with no family part are other spellings or nicknames of it ("Buya Hamka").
      for (const v of entry.variants ?? []) literal.add(foldName(stripPrefixTitles(v.split(/\s+/)).join(" ")));
    } else {
      const family = foldName(entry.name.slice(0, comma));
      if (family.includes(" ")) multiWordFamilies.add(family);
    }
  }
  literal.delete("");
  return { literal, multiWordFamilies };
}

const foldToken = (t: string) => t.toLowerCase().replace(/[.\s]/g, "");
const isInitial = (t: string) => /^\p{Lu}\.?$/u.test(t) || /^(\p{Lu}\.){2,}$/u.test(t);

function stripPrefixTitles(words: string[]): string[] {
  const out = [...words];
  while (out.length > 1) {
    const t = foldToken(out[0]!);
    const next = out[1]!;
    if (PREFIX_TITLES.has(t)) out.shift();
    else if (AMBIGUOUS_TITLES.has(t) && /[.]$|^KH$/i.test(out[0]!) && !isInitial(next)) out.shift();
    else break;
  }
  return out;
}

function isDegreeSegment(segment: string): boolean {
  const tokens = segment.trim().split(/[\s,]+/).filter(Boolean);
  return tokens.length > 0 && tokens.every((t) => DEGREES.has(foldToken(t)));
}

/** True for organisation names ("Badan Pusat Statistik", "UNICEF"). */
export function isCorporateName(name: string): boolean {
  const words = foldName(name).split(" ");
  if (words.some((w) => CORPORATE_WORDS.has(w))) return true;
  // An acronym of capitals ("BPS", "LIPI") names an organisation, not a person.
  return /^\p{Lu}{2,}$/u.test(name.trim());
}

/** Splits "Name (role)" as catalogues write it; unknown roles are contributors. */
export function splitRole(entry: string): { name: string; role: NameRole } {
  const m = /^(.*?)\s*[([]\s*([^)\]]+?)\s*[)\]]\s*\.?$/.exec(entry.trim());
  if (!m) return { name: entry.trim(), role: "author" };
  const roleText = m[2]!.toLowerCase().replace(/[.]/g, "").trim();
  for (const [re, role] of ROLE_WORDS) if (re.test(roleText)) return { name: m[1]!, role };
  // "Pusat Bahasa (Indonesia)": brackets after an organisation qualify its name.
  if (isCorporateName(m[1]!)) return { name: entry.trim(), role: "author" };
  return { name: m[1]!, role: "contributor" };
}

const clean = (s: string) => s.replace(/\s+/g, " ").replace(/^[\s,;.]+|[\s,;]+$/g, "").trim();

/** Turns one personal or corporate name (catalogue or typed form, no role) into a CSL name; see the rule above. */
export function parseName(raw: string, rules: NameRules): CslName {
  // 1. Dates from a MARC heading: "Toer, Pramoedya Ananta, 1925-2006".
  let text = clean(raw.replace(/,?\s*\(?\b\d{4}\s*-\s*(\d{4})?\)?\.?\s*$/, ""));
  if (!text) return { literal: clean(raw) };
  // 3. Organisations are never split.
  if (isCorporateName(text)) return { literal: text };
  // 2. Degrees after a comma.
  const segments = text.split(",").map((s) => s.trim());
  while (segments.length > 1 && isDegreeSegment(segments[segments.length - 1]!)) segments.pop();
  text = segments.join(", ");

  const comma = text.indexOf(",");
  if (comma >= 0) {
    // 6. Catalogue form "Family, Given".
    const family = clean(text.slice(0, comma));
    const given = stripPrefixTitles(clean(text.slice(comma + 1)).split(" ").filter(Boolean)).join(" ");
    if (!given) return { literal: family };
    if (!family) return { literal: given };
    return { family, given };
  }

  const words = stripPrefixTitles(text.split(" ").filter(Boolean));
  const whole = words.join(" ");
  // 4. and 5.
  if (words.length === 1) return { literal: whole };
  const folded = foldName(whole);
  if (rules.literal.has(folded)) return { literal: whole };
  if (words.some((w) => /^(bin|binti)$/i.test(w))) return { literal: whole };

  // 7a. "Jogiyanto H. M.", "Soemarso S. R.": Indonesian headings that end in initials of the other
  // name parts are entered under the last full word before them.
  const trailing = words.slice(1).findIndex(isInitial) + 1;
  if (trailing > 0 && words.slice(trailing).every(isInitial)) {
    return { family: words.slice(trailing - 1, trailing).join(" "), given: [...words.slice(0, trailing - 1), ...words.slice(trailing)].join(" ") };
  }

  // 7. Direct order: last word is the family name.
  let end = words.length;
  let suffix: string | undefined;
  if (end > 2 && GENERATIONAL_SUFFIXES.has(foldToken(words[end - 1]!))) {
    suffix = words[end - 1];
    end -= 1;
  }
  let start = end - 1;
  for (const family of rules.multiWordFamilies) {
    const n = family.split(" ").length;
    if (n < end && foldName(words.slice(end - n, end).join(" ")) === family) {
      start = end - n;
      break;
    }
  }
  let particleStart = start;
  while (particleStart > 1 && PARTICLES.has(words[particleStart - 1]!)) particleStart -= 1;
  const name: CslName = { family: words.slice(start, end).join(" "), given: words.slice(0, particleStart).join(" ") };
  if (particleStart < start) name["non-dropping-particle"] = words.slice(particleStart, start).join(" ");
  if (suffix) name.suffix = suffix;
  return name;
}

/** A catalogue author entry ("Kilbane, Angie (penerjemah)") as a role and a CSL name. */
export function parseCatalogueName(entry: string, rules: NameRules): { role: NameRole; name: CslName } | null {
  const { name, role } = splitRole(entry);
  if (!clean(name)) return null;
  return { role, name: parseName(name, rules) };
}

/**
 * Splits what a user typed in the author field into names. Names are separated by ";", " dan ",
 * " and ", "&" or commas; a single comma whose left side is one word ("Toer, Pramoedya Ananta") is
 * the catalogue form of one name, not two names.
 */
export function splitTypedAuthors(field: string, rules?: NameRules): string[] {
  const text = clean(field.replace(/,?\s*\b(dkk|et al)\.?$/i, ""));
  if (!text) return [];
  const parts = text.split(/\s*;\s*|\s+(?:dan|and)\s+|\s*&\s*/i).map(clean).filter(Boolean);
  const out: string[] = [];
  for (const part of parts) {
    const pieces = part.split(",").map(clean).filter(Boolean);
    const [first, second, ...more] = pieces;
    const familyLike = first !== undefined && (!first.includes(" ") || (rules?.multiWordFamilies.has(foldName(first)) ?? false));
    const inverted = familyLike && second !== undefined && !isDegreeSegment(second) && more.every(isDegreeSegment);
    if (pieces.length <= 1 || inverted) {
      out.push(part);
      continue;
    }
    // "Budi Santoso, S.Pd., Ani Wijaya": degrees stay with the name before them.
    let current = "";
    for (const piece of pieces) {
      if (current && isDegreeSegment(piece)) current += `, ${piece}`;
      else {
        if (current) out.push(current);
        current = piece;
      }
    }
    if (current) out.push(current);
  }
  return out;
}

