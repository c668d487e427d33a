import { z } from "zod";
import type { DialogState } from "../dialog/dialog-state.js";

// The lesson a patron is in, kept in the engine's conversation state (ext.lesson) so it survives
// restarts with the rest of the chat. Progress itself lives in LessonProgress; this only says
// which run the next free text or "lanjut" belongs to.
const FocusSchema = z.object({
  run: z.number().int(),
  lesson: z.string(),
  /** Free text answers the text question of this step. */
  textStep: z.number().int().optional(),
  /** The run is completed and the next free text is the name for its certificate. */
  awaitingName: z.boolean().optional(),
  /** Something else was answered in between: "lanjut" shows the step again instead of skipping it. */
  interrupted: z.boolean().optional(),
});

export type LessonFocus = z.infer<typeof FocusSchema>;

const KEY = "lesson";

/** The lesson focus in a dialog state, or null. */
export function getFocus(state: DialogState): LessonFocus | null {
  const parsed = FocusSchema.safeParse(state.ext[KEY]);
  return parsed.success ? parsed.data : null;
}

/** Sets (or with null clears) the lesson focus. */
export function setFocus(state: DialogState, focus: LessonFocus | null): void {
  if (focus) state.ext[KEY] = focus;
  else delete state.ext[KEY];
}
