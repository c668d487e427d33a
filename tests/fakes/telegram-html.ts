// Parses text in Telegram's HTML parse mode the way the Bot API does, strictly: an unsupported or
// unbalanced tag, or a bare "<" or "&", is the "can't parse entities" error Telegram returns. The
// fake uses it so escaping bugs fail in tests instead of in front of residents.

const TAGS = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "tg-spoiler", "span", "blockquote", "tg-emoji"]);
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

export type ParsedHtml = { ok: true; text: string } | { ok: false; error: string };

function decodeEntity(html: string, at: number): { text: string; length: number } | null {
  const m = /^&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-z]+);/.exec(html.slice(at, at + 12));
  if (!m) return null;
  const name = m[1]!;
  if (name.startsWith("#x")) return { text: String.fromCodePoint(parseInt(name.slice(2), 16)), length: m[0].length };
  if (name.startsWith("#")) return { text: String.fromCodePoint(parseInt(name.slice(1), 10)), length: m[0].length };
  const named = NAMED[name];
  return named === undefined ? null : { text: named, length: m[0].length };
}

/** Returns the visible text of a Telegram-HTML string, or the Bot API's parse error. */
export function parseTelegramHtml(html: string): ParsedHtml {
  const open: string[] = [];
  let text = "";
  let i = 0;
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === "<") {
      const m = /^<(\/?)([a-z-]+)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*>/i.exec(html.slice(i));
      if (!m) return { ok: false, error: `Bad Request: can't parse entities: Unexpected end of name token at byte offset ${i}` };
      const [whole, closing, rawName, attrs] = m;
      const name = rawName!.toLowerCase();
      if (!TAGS.has(name)) return { ok: false, error: `Bad Request: can't parse entities: Unsupported start tag "${name}" at byte offset ${i}` };
      if (closing) {
        if (open.pop() !== name) return { ok: false, error: `Bad Request: can't parse entities: Unmatched end tag at byte offset ${i}, expected "</${open.at(-1) ?? ""}>", found "</${name}>"` };
      } else {
        if (name === "a" && !/\shref="[^"]+"/i.test(attrs ?? "")) return { ok: false, error: "Bad Request: can't parse entities: a tag without href" };
        open.push(name);
      }
      i += whole!.length;
      continue;
    }
    if (ch === ">") return { ok: false, error: `Bad Request: can't parse entities: Unexpected > at byte offset ${i}` };
    if (ch === "&") {
      const entity = decodeEntity(html, i);
      if (!entity) return { ok: false, error: `Bad Request: can't parse entities: Unsupported HTML entity at byte offset ${i}` };
      text += entity.text;
      i += entity.length;
      continue;
    }
    text += ch;
    i += 1;
  }
  if (open.length > 0) return { ok: false, error: `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "${open.at(-1)}"` };
  return { ok: true, text };
}
