// Renders the Reply markup subset (api/dialog/reply.ts) as Telegram HTML. Everything is escaped
// first; only the three constructs below become tags, and a delimiter only counts at a word edge,
// so "snake_case_name" and "2*3*4" stay plain text. Spans never cross a line, which lets long
// texts be split at line breaks without cutting a tag in two.

const LINK = /^\[([^\]\n]+)\]\((https?:\/\/[^\s()<>"]+)\)/;
const WORD = /[\p{L}\p{N}]/u;

/** Escapes text for Telegram's HTML parse mode (also safe inside a quoted attribute). */
export function escapeHtml(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIALS, (ch) => ENTITY[ch]!) : text;
}

const SPECIAL = /[&<>"]/;
const SPECIALS = /[&<>"]/g;
const ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

function opensAt(s: string, i: number): boolean {
  const before = s[i - 1];
  const after = s[i + 1];
  return (before === undefined || !WORD.test(before)) && after !== undefined && !/\s/.test(after);
}

function closingIndex(s: string, from: number, delimiter: string): number {
  for (let j = from + 2; j < s.length; j++) {
    if (s[j] !== delimiter) continue;
    const before = s[j - 1]!;
    const after = s[j + 1];
    if (!/\s/.test(before) && (after === undefined || !WORD.test(after))) return j;
  }
  return -1;
}

function renderLine(s: string): string {
  let out = "";
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === "[") {
      const link = LINK.exec(s.slice(i));
      if (link) {
        out += `<a href="${escapeHtml(link[2]!)}">${escapeHtml(link[1]!)}</a>`;
        i += link[0].length;
        continue;
      }
    }
    if ((ch === "*" || ch === "_") && opensAt(s, i)) {
      const end = closingIndex(s, i, ch);
      if (end !== -1) {
        const tag = ch === "*" ? "b" : "i";
        out += `<${tag}>${renderLine(s.slice(i + 1, end))}</${tag}>`;
        i = end + 1;
        continue;
      }
    }
    out += ENTITY[ch] ?? ch;
    i += 1;
  }
  return out;
}

/** Markup subset (*bold*, _italic_, [label](https://…)) to Telegram HTML. */
export function renderHtml(markup: string): string {
  return markup.split("\n").map(renderLine).join("\n");
}

/** What a reader sees of the markup, without delimiters (for inline result descriptions). */
export function plainText(markup: string): string {
  return renderHtml(markup)
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}
