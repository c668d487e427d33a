/** One thing wrong with a lesson file, pointing at the line a writer has to fix. */
export type LessonProblem = { file: string; line: number; column: number; path: string; message: string };

/** "prompts/lessons/hoaks.id.yaml:12:7 steps[2].text: is 812 characters; at most 700". */
export function formatProblem(p: LessonProblem): string {
  return `${p.file}:${p.line}:${p.column}${p.path ? ` ${p.path}` : ""}: ${p.message}`;
}

/** "steps[2].question.options[1]" from ["steps", 2, "question", "options", 1]. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}
