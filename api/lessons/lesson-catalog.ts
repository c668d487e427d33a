import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "../logger.js";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locale.js";
import { checkLessonDir } from "./check-lessons.js";
import { formatProblem, type LessonProblem } from "./lesson-problem.js";
import type { Lesson } from "./lesson-schema.js";

export const DEFAULT_LESSONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prompts/lessons");

/** The lessons that loaded, by id and locale; read-only once built. */
export type LessonCatalog = {
  /** Lesson ids in a stable order (file name order). */
  ids(): string[];
  /** The lesson in `locale`, else in the other locale (a broken translation does not hide a lesson). */
  get(id: string, locale: Locale): Lesson | null;
  /** Problems found while loading (files left out). */
  problems: readonly LessonProblem[];
};

/** Builds a catalog from lessons that passed the checker. */
export function createLessonCatalog(lessons: Lesson[], problems: LessonProblem[] = []): LessonCatalog {
  const byKey = new Map(lessons.map((l) => [`${l.id}.${l.locale}`, l]));
  const ids = [...new Set(lessons.map((l) => l.id))].sort();
  return {
    ids: () => ids,
    get: (id, locale) => byKey.get(`${id}.${locale}`) ?? byKey.get(`${id}.${DEFAULT_LOCALE}`) ?? lessons.find((l) => l.id === id) ?? null,
    problems,
  };
}

/** Loads prompts/lessons (or `dir`) at start: a broken file is logged with file and line and left out. */
export function loadLessonCatalog(opts: { dir?: string; log?: Logger } = {}): LessonCatalog {
  const dir = opts.dir ?? DEFAULT_LESSONS_DIR;
  const result = checkLessonDir(dir);
  for (const p of result.problems) opts.log?.warn({ file: p.file, line: p.line }, `lesson file skipped: ${formatProblem(p)}`);
  return createLessonCatalog(result.lessons, result.problems);
}
