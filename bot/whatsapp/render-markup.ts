// The Reply markup subset (api/dialog/reply.ts) as WhatsApp text. WhatsApp already reads *bold*
// and _italic_ the same way, so those pass through; links become "label: url" because WhatsApp
// has no link syntax but turns a bare URL into a link by itself.

const LINK = /\[([^\]\n]+)\]\((https?:\/\/[^\s()<>"]+)\)/g;

/** Markup subset to WhatsApp formatting. */
export function renderWhatsAppText(markup: string): string {
  return markup.replace(LINK, (_whole, label: string, url: string) => (label.trim() === url ? url : `${label}: ${url}`));
}

// WhatsApp shows up to 65,536 characters, but a wall of text on a cheap phone is unreadable and
// long messages are a spam signal; engine replies are short, so this only guards against accidents.
export const WHATSAPP_TEXT_LIMIT = 4000;

/** Cuts text into messages of at most `limit` characters, at line breaks, then spaces, never dropping any. */
export function splitWhatsAppText(text: string, limit = WHATSAPP_TEXT_LIMIT): string[] {
  const chunks: string[] = [];
  let rest = text.trim();
  while ([...rest].length > limit) {
    const head = [...rest].slice(0, limit).join("");
    let cut = head.lastIndexOf("\n");
    if (cut < limit / 2) cut = head.lastIndexOf(" ");
    if (cut < limit / 2) cut = head.length;
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) chunks.push(rest);
  return chunks;
}
