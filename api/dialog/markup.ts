// Text from users and from the catalogue is put into replies that use the markup subset of
// reply.ts. These characters would otherwise turn "*", "_" or "[x](https://…)" typed by a user
// into bold, italics or a link, so they are replaced by look-alikes that carry no markup.

/** Makes outside text safe to embed in reply markup. */
export function plain(text: string): string {
  return text.replace(/\*/g, "\u2217").replace(/_/g, "\u02cd").replace(/\[/g, "(").replace(/\]/g, ")");
}

/** Shortens text to at most `max` characters, ending with "…". */
export function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, Math.max(1, max - 1)).join("").trimEnd() + "…";
}

/** A markup link, only for http(s) URLs; anything else is shown as plain text. */
export function link(label: string, url: string): string {
  return /^https?:\/\/[^\s()]+$/i.test(url) ? `[${plain(label)}](${url})` : plain(`${label}: ${url}`);
}
