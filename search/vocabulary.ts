// The search vocabulary is data the library edits (search/vocabulary/*), not code. It is read
// once at start and checked strictly, because a typo in a JSON file must stop the start with a
// message a librarian can act on, not silently weaken search.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

export const DEFAULT_VOCABULARY_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "vocabulary");

const term = z.string().trim().min(1, "must not be empty").max(200, "is longer than 200 characters");
const terms = z.array(term);

const synonymsFile = z.object({ groups: z.array(z.array(term).min(2, "needs at least two words that mean the same")) }).strict();
const subjectsFile = z
  .object({ subjects: z.array(z.object({ id: terms, en: terms }).strict().refine((e) => e.id.length + e.en.length >= 2, "needs at least two terms")) })
  .strict();
const authorsFile = z.object({ authors: z.array(z.object({ name: term, variants: terms }).strict()) }).strict();
const titlesFile = z.object({ titles: z.array(z.object({ title: term, variants: terms }).strict()) }).strict();
const everydayFile = z
  .object({ phrases: z.array(z.object({ phrases: z.array(term).min(1), terms: z.array(term).min(1) }).strict()) })
  .strict();

export type SubjectEntry = { id: string[]; en: string[] };
export type AuthorEntry = { name: string; variants: string[] };
export type TitleEntry = { title: string; variants: string[] };
export type EverydayEntry = { phrases: string[]; terms: string[] };

/** Everything the index and the query rewriter need from search/vocabulary. */
export type Vocabulary = {
  stopWords: string[];
  synonymGroups: string[][];
  subjects: SubjectEntry[];
  authors: AuthorEntry[];
  titles: TitleEntry[];
  everyday: EverydayEntry[];
  /** Files that were absent (each counts as empty). */
  missing: string[];
};

/** A vocabulary file is malformed; the message names the file and the entry. */
export class VocabularyError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Search vocabulary ${file} is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "VocabularyError";
  }
}

function describe(issuePath: PropertyKey[], data: unknown): string {
  // "subjects[12] (\"kambing\").en[0]" tells a librarian which entry to open.
  let out = "";
  let node: unknown = data;
  for (const key of issuePath) {
    node = node && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    if (typeof key === "number") {
      out += `[${key}]`;
      const label = entryLabel(node);
      if (label && out.split("[").length === 2) out += ` (${JSON.stringify(label)})`;
    } else out += (out ? "." : "") + String(key);
  }
  return out || "(file)";
}

function entryLabel(node: unknown): string | undefined {
  if (typeof node === "string") return undefined;
  if (Array.isArray(node)) return typeof node[0] === "string" ? node[0] : undefined;
  if (!node || typeof node !== "object") return undefined;
  const o = node as Record<string, unknown>;
  for (const k of ["name", "title", "phrases", "id", "en"]) {
    const v = o[k];
    if (typeof v === "string") return v;
    if (Array.isArray(v) && typeof v[0] === "string") return v[0];
  }
  return undefined;
}

/** Reads one JSON vocabulary file against its schema; null (and `file` added to `missing`) when absent, VocabularyError when broken. */
export function readVocabularyFile<T>(dir: string, file: string, schema: z.ZodType<T>, missing: string[] = []): T | null {
  const full = path.join(dir, file);
  let text: string;
  try {
    text = fs.readFileSync(full, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") {
      missing.push(file);
      return null;
    }
    throw err;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new VocabularyError(full, [`not valid JSON: ${(err as Error).message}`]);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new VocabularyError(
      full,
      parsed.error.issues.slice(0, 20).map((i) => `${describe(i.path, data)}: ${i.message}`),
    );
  }
  return parsed.data;
}

function readStopWords(dir: string, missing: string[]): string[] {
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((f) => /^stopwords-[a-z]+\.txt$/.test(f)).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") {
      missing.push("stopwords-*.txt");
      return [];
    }
    throw err;
  }
  if (files.length === 0) missing.push("stopwords-*.txt");
  const out: string[] = [];
  for (const file of files) {
    const lines = fs.readFileSync(path.join(dir, file), "utf8").split(/\r?\n/);
    lines.forEach((raw, i) => {
      const line = raw.replace(/#.*/, "").trim();
      if (!line) return;
      if (/\s/.test(line)) throw new VocabularyError(path.join(dir, file), [`line ${i + 1} ("${line}"): one word per line`]);
      out.push(line.toLowerCase());
    });
  }
  return [...new Set(out)];
}

/** Reads and validates every vocabulary file in `dir`; an absent file counts as empty, a broken one throws VocabularyError. */
export function loadVocabulary(dir: string = DEFAULT_VOCABULARY_DIR): Vocabulary {
  const missing: string[] = [];
  return {
    stopWords: readStopWords(dir, missing),
    synonymGroups: readVocabularyFile(dir, "synonyms.json", synonymsFile, missing)?.groups ?? [],
    subjects: readVocabularyFile(dir, "subjects.json", subjectsFile, missing)?.subjects ?? [],
    authors: readVocabularyFile(dir, "authors.json", authorsFile, missing)?.authors ?? [],
    titles: readVocabularyFile(dir, "titles.json", titlesFile, missing)?.titles ?? [],
    everyday: readVocabularyFile(dir, "everyday.json", everydayFile, missing)?.phrases ?? [],
    missing,
  };
}

/** An in-memory vocabulary (tests, benchmarks); every part defaults to empty. */
export function vocabulary(parts: Partial<Omit<Vocabulary, "missing">> = {}): Vocabulary {
  return { stopWords: [], synonymGroups: [], subjects: [], authors: [], titles: [], everyday: [], missing: [], ...parts };
}
