import { z } from "zod";

// Limits from prompts/lessons/README.md. Lengths count characters (code points), not UTF-16 units,
// so an emoji or an accented letter counts as one, as the guide promises writers.
export const LIMITS = { stepText: 700, prompt: 300, optionText: 100, explanation: 300, minSteps: 5, maxSteps: 8, minQuestions: 3, minOptions: 2, maxOptions: 5 } as const;

export const PILLARS = ["cakap", "aman", "budaya", "etika"] as const;
export const LEVELS = ["dasar", "menengah"] as const;

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a lowercase slug such as cek-fakta");

/** Characters as a reader counts them. */
export function charCount(s: string): number {
  return [...s].length;
}

const text = (max: number) =>
  z
    .string()
    .refine((s) => s.trim().length > 0, "must not be empty")
    .refine((s) => charCount(s) <= max, { error: (issue) => `is ${charCount(String(issue.input))} characters; at most ${max}` });

const OptionSchema = z.strictObject({
  text: text(LIMITS.optionText),
  correct: z.boolean({ error: "must be true or false" }),
  explanation: text(LIMITS.explanation),
});

const ChoiceQuestionSchema = z.strictObject({
  type: z.literal("choice"),
  prompt: text(LIMITS.prompt),
  options: z
    .array(OptionSchema)
    .min(LIMITS.minOptions, `needs ${LIMITS.minOptions}-${LIMITS.maxOptions} options`)
    .max(LIMITS.maxOptions, `needs ${LIMITS.minOptions}-${LIMITS.maxOptions} options`)
    .refine((opts) => opts.some((o) => o.correct), "needs at least one option with correct: true"),
});

const TextQuestionSchema = z.strictObject({
  type: z.literal("text"),
  prompt: text(LIMITS.prompt),
  accept: z
    .array(z.string().min(1, "must not be empty").refine((s) => s === s.toLowerCase(), "keywords must be lowercase"))
    .min(1, "needs at least one accepted keyword"),
  model_answer: text(LIMITS.prompt),
});

const QuestionSchema = z.discriminatedUnion("type", [ChoiceQuestionSchema, TextQuestionSchema], {
  error: 'type must be "choice" or "text"',
});

const StepSchema = z.strictObject({
  id: slug,
  text: text(LIMITS.stepText),
  question: QuestionSchema.optional(),
});

/** One lesson file (prompts/lessons/<id>.<locale>.yaml) as written. */
export const LessonFileSchema = z.strictObject({
  id: slug,
  title: text(120),
  pillar: z.enum(PILLARS, { error: `must be one of ${PILLARS.join(", ")}` }),
  level: z.enum(LEVELS, { error: `must be one of ${LEVELS.join(", ")}` }),
  minutes: z.number({ error: "must be a whole number" }).int("must be a whole number").min(1).max(120),
  version: z.number({ error: "must be a whole number" }).int("must be a whole number").min(1),
  steps: z
    .array(StepSchema)
    .min(LIMITS.minSteps, `needs ${LIMITS.minSteps}-${LIMITS.maxSteps} steps`)
    .max(LIMITS.maxSteps, `needs ${LIMITS.minSteps}-${LIMITS.maxSteps} steps`),
});

export type LessonFile = z.infer<typeof LessonFileSchema>;
export type LessonStep = LessonFile["steps"][number];
export type Question = NonNullable<LessonStep["question"]>;
export type ChoiceQuestion = Extract<Question, { type: "choice" }>;
export type TextQuestion = Extract<Question, { type: "text" }>;
export type Pillar = (typeof PILLARS)[number];

/** A lesson that passed every check, in one locale. */
export type Lesson = LessonFile & { locale: string; file: string };
