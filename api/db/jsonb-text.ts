// PostgreSQL's jsonb refuses what a chat message may carry: a NUL character, or half of an emoji
// (a lone UTF-16 surrogate, e.g. text cut in the middle of a pair, or a client sending garbage).
// Plain text columns never saw these (the driver writes U+FFFD), but jsonb parameters fail the
// whole statement, so everything bound for jsonb is cleaned first.

/** Text that jsonb accepts: NUL removed, lone surrogate halves replaced by U+FFFD. */
export function jsonSafe(text: string): string {
  return text.replace(/\u0000/g, "").replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

// In JSON.stringify's output both can only appear as escapes: "\u0000", and "\udXXX" for a lone
// half (a whole pair is written as the character itself). An escape counts only after an even
// number of backslashes, so a user's literal "\u0000" stays text.
const BAD_ESCAPE = /(?<!\\)((?:\\\\)*)\\u(0000|d[89a-f][0-9a-f]{2})/gi;

/** JSON.stringify for a jsonb parameter, with every string made jsonb-safe (as jsonSafe does). */
export function toJsonb(value: unknown): string {
  // Serialising without a replacer function keeps V8's fast path; almost no text needs the fix-up.
  const json = JSON.stringify(value);
  if (!json.includes("\\u")) return json;
  return json.replace(BAD_ESCAPE, (_all, backslashes: string, code: string) => (code === "0000" ? backslashes : `${backslashes}\\ufffd`));
}
