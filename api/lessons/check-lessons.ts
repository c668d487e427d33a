import fs from "node:fs";
import path from "node:path";
import { LOCALES, DEFAULT_LOCALE } from "../i18n/locale.js";
import type { Lesson } from "./lesson-schema.js";
import type { LessonProblem } from "./lesson-problem.js";
import { formatPath } from "./lesson-problem.js";
import { parseLessonFile, type ParsedLessonFile } from "./parse-lesson-file.js";

export type LessonCheck = { lessons: Lesson[]; problems: LessonProblem[]; files: number };

type Loaded = { file: string; id: string; locale: string; parsed: ParsedLessonFile };

const FILE_NAME = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.([a-z]{2})\.ya?ml$/;

/**
 * Reads and checks every lesson file in `dir`. Files with problems are left out of `lessons`, the
 * others load. `relativeTo` only shortens the file names in problems.
 */
export function checkLessonDir(dir: string, opts: { relativeTo?: string } = {}): LessonCheck {
  const names = fs.readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort();
  const show = (name: string) => path.relative(opts.relativeTo ?? process.cwd(), path.join(dir, name)) || name;
  const sources = names.map((name) => ({ file: show(name), name, source: fs.readFileSync(path.join(dir, name), "utf8") }));
  return checkLessonSources(sources);
}

/** The same checks over in-memory files (name = base name such as "hoaks.id.yaml"). */
export function checkLessonSources(sources: { file: string; name: string; source: string }[]): LessonCheck {
  const problems: LessonProblem[] = [];
  const loaded: Loaded[] = [];
  for (const { file, name, source } of sources) {
    const m = FILE_NAME.exec(name);
    if (!m || !(LOCALES as readonly string[]).includes(m[2]!)) {
      problems.push({ file, line: 1, column: 1, path: "", message: `file name must be <id>.<locale>.yaml with locale ${LOCALES.join(" or ")}` });
      continue;
    }
    const parsed = parseLessonFile(source, file);
    problems.push(...parsed.problems);
    if (parsed.lesson && parsed.lesson.id !== m[1]) {
      problems.push({ file, ...parsed.locate(["id"]), path: "id", message: `is "${parsed.lesson.id}" but the file name says "${m[1]}"` });
      continue;
    }
    loaded.push({ file, id: m[1]!, locale: m[2]!, parsed });
  }

  const byId = new Map<string, Loaded[]>();
  for (const l of loaded) byId.set(l.id, [...(byId.get(l.id) ?? []), l]);
  const lessons: Lesson[] = [];
  for (const [id, versions] of byId) {
    for (const locale of LOCALES) {
      if (!versions.some((v) => v.locale === locale)) {
        const other = versions[0]!;
        problems.push({ file: other.file, line: 1, column: 1, path: "", message: `lesson "${id}" has no ${locale} version (${id}.${locale}.yaml)` });
      }
    }
    // The Indonesian file is the reference; another locale that disagrees with it is the one left out.
    const reference = versions.find((v) => v.locale === DEFAULT_LOCALE && v.parsed.lesson);
    for (const v of versions) {
      if (!v.parsed.lesson) continue;
      if (reference && v !== reference) {
        const mismatches = compareLocales(reference.parsed, v.parsed, reference.locale);
        for (const mm of mismatches) problems.push({ file: v.file, ...v.parsed.locate(mm.path), path: formatPath(mm.path), message: mm.message });
        if (mismatches.length) continue;
      }
      lessons.push({ ...v.parsed.lesson, locale: v.locale, file: v.file });
    }
  }
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  return { lessons, problems, files: sources.length };
}

type Mismatch = { path: PropertyKey[]; message: string };

function compareLocales(refFile: ParsedLessonFile, otherFile: ParsedLessonFile, refLocale: string): Mismatch[] {
  const ref = refFile.lesson!;
  const other = otherFile.lesson!;
  const out: Mismatch[] = [];
  for (const key of ["pillar", "level", "minutes", "version"] as const) {
    if (ref[key] !== other[key]) out.push({ path: [key], message: `is ${JSON.stringify(other[key])} but the ${refLocale} version has ${JSON.stringify(ref[key])}` });
  }
  const refIds = ref.steps.map((s) => s.id).join(", ");
  const otherIds = other.steps.map((s) => s.id).join(", ");
  if (refIds !== otherIds) {
    out.push({ path: ["steps"], message: `step ids are [${otherIds}] but the ${refLocale} version has [${refIds}] (same ids, same order)` });
    return out;
  }
  ref.steps.forEach((rs, i) => {
    const os = other.steps[i]!;
    const rq = rs.question;
    const oq = os.question;
    if (!rq !== !oq || (rq && oq && rq.type !== oq.type)) {
      out.push({ path: ["steps", i, oq ? "question" : "id"], message: `question type is ${oq?.type ?? "none"} but the ${refLocale} version has ${rq?.type ?? "none"}` });
      return;
    }
    if (rq?.type === "choice" && oq?.type === "choice") {
      const rf = rq.options.map((o) => o.correct).join(",");
      const of = oq.options.map((o) => o.correct).join(",");
      if (rq.options.length !== oq.options.length) {
        out.push({ path: ["steps", i, "question", "options"], message: `has ${oq.options.length} options but the ${refLocale} version has ${rq.options.length}` });
      } else if (rf !== of) {
        out.push({ path: ["steps", i, "question", "options"], message: `correct flags are [${of}] but the ${refLocale} version has [${rf}]` });
      }
    }
  });
  return out;
}
