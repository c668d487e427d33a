// Lesson text goes to Telegram (HTML), WhatsApp and the web chat through the engine's markup
// subset; anything else would render differently per channel, so the checker refuses it.

/** What is wrong with the markup of one lesson string (empty when fine). */
export function markupProblems(s: string): string[] {
  const out: string[] = [];
  if (/<\/?[a-zA-Z][^>]*>/.test(s)) out.push("must be plain text, not HTML");
  if ((s.match(/\*/g)?.length ?? 0) % 2 === 1) out.push("has an unpaired * (bold needs *two*)");
  if (/[`[\]]/.test(s)) out.push("must not contain backticks or [ ] (chat apps treat them as formatting)");
  // Underscores inside words and URLs are harmless; one that opens or closes italics is not.
  if (/(^|\s)_|_(\s|$)/.test(s)) out.push("must not use _ for italics");
  return out;
}
