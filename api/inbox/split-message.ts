import type { Channel } from "../dialog/reply.js";

/**
 * Characters one message may hold per channel. Telegram's limit is 4096; WhatsApp allows more but
 * long texts get cut on some phones, so 4000; the web chat uses the same.
 */
export const CHANNEL_TEXT_LIMIT: Record<Channel, number> = { telegram: 4096, whatsapp: 4000, web: 4000 };

/** Splits text into parts of at most `limit` characters, at a paragraph, line or word break when there is one. */
export function splitText(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while ([...rest].length > limit) {
    // Cut by code points so an emoji is never split in half.
    const head = [...rest].slice(0, limit).join("");
    const min = Math.floor(head.length / 2);
    let cut = head.lastIndexOf("\n\n");
    if (cut < min) cut = head.lastIndexOf("\n");
    if (cut < min) cut = head.lastIndexOf(" ");
    if (cut < min) cut = head.length;
    parts.push(head.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

/** Splits an outgoing text to the channel's limit, keeping `reserve` characters free in each part (for a header). */
export function splitForChannel(text: string, channel: Channel, reserve = 0): string[] {
  return splitText(text, Math.max(100, CHANNEL_TEXT_LIMIT[channel] - reserve));
}
