// PostgreSQL's jsonb refuses what a chat message may carry: a NUL character, or half of an emoji
// (a lone UTF-16 surrogate, e.g. text cut in the middle of a pair, or a client sending garbage).
// Plain text columns never saw these (the driver writes U+FFFD), but jsonb parameters fail the
// whole statement, so everything bound for jsonb is cleaned first.

/** Text that jsonb accepts: NUL removed, lone surrogate halves replaced by U+FFFD. */
export function jsonSafe(text: string): string {
  return text.replace(/\u0000/g, "").replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

/** JSON.stringify for a jsonb parameter, with every string made jsonb-safe. */
export function toJsonb(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "string" ? jsonSafe(v) : v));
}
