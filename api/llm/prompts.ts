// System prompts live in prompts/llm/*.md so librarians can change wording without touching code.
// They are read once at start; a missing file or an unknown {placeholder} stops the start with a
// message naming the file, instead of sending a broken prompt later.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const DEFAULT_LLM_PROMPTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prompts/llm");

/** Each prompt and the placeholders the code fills in. */
export const PROMPT_PLACEHOLDERS = {
  intent: ["language"],
  "research-guidance": ["language"],
  "faq-answer": ["language"],
  "offer-librarian": ["language"],
} as const;

export type PromptName = keyof typeof PROMPT_PLACEHOLDERS;

export type Prompts = {
  /** The system prompt `name` with its placeholders filled. */
  system(name: PromptName, params: Record<string, string>): string;
};

/** A prompt file is missing or uses a placeholder the code does not fill. */
export class PromptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PromptError";
  }
}

/** Reads and checks every prompt in `dir`. */
export function loadPrompts(dir: string = DEFAULT_LLM_PROMPTS_DIR): Prompts {
  const texts = new Map<PromptName, string>();
  for (const [name, allowed] of Object.entries(PROMPT_PLACEHOLDERS) as [PromptName, readonly string[]][]) {
    const file = path.join(dir, `${name}.md`);
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (err) {
      throw new PromptError(`${file}: ${(err as Error).message}`);
    }
    const unknown = [...text.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]!).filter((p) => !allowed.includes(p));
    if (unknown.length > 0) throw new PromptError(`${file}: unknown placeholder {${unknown[0]}}; allowed: ${allowed.map((a) => `{${a}}`).join(", ")}`);
    texts.set(name, text.trim());
  }
  return {
    system(name, params) {
      return texts.get(name)!.replace(/\{([a-z_]+)\}/g, (whole, key: string) => params[key] ?? whole);
    },
  };
}
