import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { LessonFileSchema, type LessonFile } from "./lesson-schema.js";
import { formatPath, type LessonProblem } from "./lesson-problem.js";
import { markupProblems } from "./lesson-markup.js";

export type ParsedLessonFile = { lesson: LessonFile | null; problems: LessonProblem[]; locate(path: readonly PropertyKey[]): { line: number; column: number } };

type Located = { line: number; column: number };

/**
 * Parses and validates one lesson file. `file` is the name used in problems (relative paths read
 * best in a terminal). Returns lesson null when anything is wrong; every problem has a line.
 */
export function parseLessonFile(source: string, file: string): ParsedLessonFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true });
  const at = (offset: number): Located => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const locate = (path: readonly PropertyKey[]): Located => locateInDoc(doc, path, at);
  const problems: LessonProblem[] = [];

  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      problems.push({ file, ...at(err.pos[0]), path: "", message: `YAML: ${firstLine(err.message).replace(/ at line \d+, column \d+:?$/, "")}` });
    }
    return { lesson: null, problems, locate };
  }

  const raw: unknown = doc.toJS();
  const add = (path: PropertyKey[], message: string) => problems.push({ file, ...locate(path), path: formatPath(path), message });
  const parsed = LessonFileSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) add(issue.path, readableIssue(issue));
  }
  // Checks the schema cannot express; they run on the raw data too, so a writer sees every
  // problem of a file at once instead of one round per fix.
  contentChecks(raw, add);
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { lesson: problems.length === 0 && parsed.success ? parsed.data : null, problems, locate };
}

type Issue = { code: string; message: string; input?: unknown; path: PropertyKey[] };

function readableIssue(issue: Issue): string {
  if (issue.code === "invalid_type" && issue.input === undefined) return "is missing";
  if (issue.code === "unrecognized_keys") return issue.message.replace(/^Unrecognized keys?/, "unknown field");
  return issue.message;
}

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asRecord = (v: unknown): Record<string, unknown> => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const asString = (v: unknown): string | null => (typeof v === "string" ? v : null);

function contentChecks(raw: unknown, add: (path: PropertyKey[], message: string) => void): void {
  const steps = asArray(asRecord(raw).steps);
  const seen = new Map<string, number>();
  let questions = 0;
  const markup = (path: PropertyKey[], value: unknown) => {
    const s = asString(value);
    if (s !== null) for (const m of markupProblems(s)) add(path, m);
  };
  steps.forEach((rawStep, i) => {
    const step = asRecord(rawStep);
    const id = asString(step.id);
    if (id !== null) {
      const first = seen.get(id);
      if (first !== undefined) add(["steps", i, "id"], `step id "${id}" is already used by steps[${first}]`);
      else seen.set(id, i);
    }
    markup(["steps", i, "text"], step.text);
    if (step.question === undefined) return;
    questions++;
    const q = asRecord(step.question);
    markup(["steps", i, "question", "prompt"], q.prompt);
    asArray(q.options).forEach((rawOption, j) => {
      const o = asRecord(rawOption);
      markup(["steps", i, "question", "options", j, "text"], o.text);
      markup(["steps", i, "question", "options", j, "explanation"], o.explanation);
    });
    const model = asString(q.model_answer);
    const accept = asArray(q.accept).map(asString).filter((k): k is string => k !== null && k.length > 0);
    if (q.type === "text" && model !== null && accept.length > 0 && !accept.some((k) => model.toLowerCase().includes(k.toLowerCase()))) {
      add(["steps", i, "question", "model_answer"], "must contain one of the accepted keywords");
    }
  });
  if (steps.length > 0 && questions < 3) add(["steps"], `has ${questions} questions; a lesson needs at least 3`);
}


function firstLine(s: string): string {
  return s.split("\n")[0] ?? s;
}

// A path into the document can stop early (a missing key, a wrong type); the deepest node that
// exists is where the writer has to look, and a key is a better target than its value.
function locateInDoc(doc: Document, path: readonly PropertyKey[], at: (offset: number) => Located): Located {
  let node: Node | null | undefined = doc.contents as Node | null;
  let best: Located = { line: 1, column: 1 };
  if (node?.range) best = at(node.range[0]);
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === part);
      if (!pair) break;
      const key = pair.key as Node;
      if (key.range) best = at(key.range[0]);
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof part === "number") {
      const item = node.items[part] as Node | undefined;
      if (!item) break;
      if (item.range) best = at(item.range[0]);
      node = item;
    } else {
      break;
    }
  }
  return best;
}
