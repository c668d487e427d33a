import type { Button } from "./reply.js";

/** The 1-based number in "2", "2.", "no 2", "nomor 2", "#2", or null when the text is something else. */
export function choiceNumber(text: string): number | null {
  const m = /^\s*(?:no\.?|nomor|nomer|pilih|pilihan|option|#)?\s*(\d{1,2})\s*[.)]?\s*$/i.exec(text);
  return m ? Number(m[1]) : null;
}

export type ChoiceResult = { kind: "button"; button: Button } | { kind: "out_of_range"; max: number } | { kind: "none" };

/** Maps "2" to the second button of the last reply that had buttons (WhatsApp shows buttons as a numbered list). */
export function resolveChoice(text: string, lastButtons: Button[] | undefined): ChoiceResult {
  if (!lastButtons || lastButtons.length === 0) return { kind: "none" };
  const n = choiceNumber(text);
  if (n === null) return { kind: "none" };
  const button = lastButtons[n - 1];
  return button ? { kind: "button", button } : { kind: "out_of_range", max: lastButtons.length };
}
