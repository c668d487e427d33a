import { isTypoOf } from "./fuzzy.js";
import { tokenize } from "./normalize-text.js";

/** What the parser needs to know about a branch. */
export type BranchRef = { code: string; name: string };

// Words in branch names that do not tell branches apart ("Perpustakaan Cabang Oebobo").
const GENERIC = new Set(["perpustakaan", "perpus", "cabang", "kota", "kupang", "daerah", "umum", "library", "branch", "unit", "kantor", "layanan"]);
// Aliases that are ordinary words too; they count only after "di"/"cabang"/"in" ("pusat data" is a topic).
const COMMON = new Set(["pusat", "utama", "central", "main", "kota", "city", "timur", "barat", "selatan", "utara"]);

const PREPOSITIONS = new Set(["di", "dari", "ke", "dekat", "in", "at", "from", "near", "cabang", "branch"]);
const FILLER = new Set(["cabang", "perpustakaan", "perpus", "branch", "library", "the", "kantor", "unit", "daerah", "kec", "kecamatan"]);

type Alias = { code: string; words: string[]; common: boolean };

/** The word sequences that name a branch: its code and its name without the generic words. */
export function branchAliases(branches: BranchRef[]): Alias[] {
  const out: Alias[] = [];
  for (const b of branches) {
    const code = tokenize(b.code);
    const name = tokenize(b.name).filter((w) => !GENERIC.has(w));
    for (const words of [code, name]) {
      if (words.length === 0) continue;
      if (out.some((a) => a.code === b.code && a.words.join(" ") === words.join(" "))) continue;
      out.push({ code: b.code, words, common: words.length === 1 && COMMON.has(words[0]!) });
    }
  }
  return out;
}

function matchAt(tokens: string[], at: number, alias: Alias, fuzzy: boolean): boolean {
  if (at + alias.words.length > tokens.length) return false;
  return alias.words.every((w, i) => (fuzzy ? isTypoOf(tokens[at + i]!, w) : tokens[at + i] === w));
}

export type BranchMatch = { code: string | null; tokens: string[] };

/** Finds a branch named in the text ("di Oebobo", "cabang oebbo", "Maulafa branch") and removes it from the tokens. */
export function extractBranch(tokens: string[], branches: BranchRef[]): BranchMatch {
  const aliases = branchAliases(branches).sort((a, b) => b.words.length - a.words.length);
  // After a preposition: typos allowed, common-word aliases allowed.
  for (let i = 0; i < tokens.length; i++) {
    if (!PREPOSITIONS.has(tokens[i]!)) continue;
    let j = i + 1;
    while (j < tokens.length && FILLER.has(tokens[j]!)) j++;
    for (const alias of aliases) {
      if (matchAt(tokens, j, alias, true)) {
        let end = j + alias.words.length;
        if (tokens[end] === "branch" || tokens[end] === "library") end++;
        return { code: alias.code, tokens: [...tokens.slice(0, i), ...tokens.slice(end)] };
      }
    }
  }
  // Anywhere else: only exact, distinctive names.
  for (const alias of aliases) {
    if (alias.common) continue;
    for (let i = 0; i < tokens.length; i++) {
      if (matchAt(tokens, i, alias, false)) {
        let end = i + alias.words.length;
        if (tokens[end] === "branch") end++;
        return { code: alias.code, tokens: [...tokens.slice(0, i), ...tokens.slice(end)] };
      }
    }
  }
  return { code: null, tokens };
}
