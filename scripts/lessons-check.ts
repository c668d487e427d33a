// `npm run lessons:check [dir]`: validates every lesson file and prints each problem as
// file:line:column, so a librarian editing prompts/lessons can fix it. Exit 1 when anything is wrong.
import path from "node:path";
import { checkLessonDir } from "../api/lessons/check-lessons.js";
import { DEFAULT_LESSONS_DIR } from "../api/lessons/lesson-catalog.js";
import { formatProblem } from "../api/lessons/lesson-problem.js";

const dir = path.resolve(process.argv[2] ?? DEFAULT_LESSONS_DIR);
const result = checkLessonDir(dir);
for (const p of result.problems) console.error(formatProblem(p));
const lessons = new Set(result.lessons.map((l) => l.id)).size;
console.log(`${result.files} files, ${lessons} lessons, ${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}`);
process.exit(result.problems.length ? 1 : 0);
