// Turns channel-neutral Replies into WhatsApp messages. Baileys 7 has no button or list message
// that WhatsApp reliably shows, so buttons become a numbered list with "Balas 1, 2 atau 3"; the
// engine maps a bare number back to the button (and quoted replies are mapped by the adapter).
import type { Button, Reply } from "../../api/dialog/reply.js";
import { renderWhatsAppText, splitWhatsAppText } from "./render-markup.js";
import { fillText } from "../channel-texts.js";
import type { WhatsAppLocale, WhatsAppTexts } from "./texts.js";

/** The message contents this adapter sends; each is a valid Baileys AnyMessageContent. */
export type OutgoingContent =
  | { text: string }
  | { image: Buffer; mimetype: string; caption?: string }
  | { document: Buffer; mimetype: string; fileName: string; caption?: string };

/** One message to send, with the buttons its numbers stand for (remembered for quoted replies). */
export type OutgoingMessage = { content: OutgoingContent; buttons?: Button[] };

// Captions longer than this are cut by some clients; the text then goes as its own message.
const CAPTION_LIMIT = 1000;

/** "Balas 1, 2 atau 3" / "Reply 1, 2 or 3" for n choices. */
export function choicePrompt(texts: WhatsAppTexts, locale: WhatsAppLocale, n: number): string {
  const t = texts[locale].choices;
  if (n <= 1) return fillText(t.one, { n: 1 });
  const numbers = Array.from({ length: n }, (_, i) => String(i + 1));
  return fillText(t.many, { list: numbers.slice(0, -1).join(t.separator), last: numbers[n - 1]! });
}

/** The reply text with its buttons as a numbered list, in WhatsApp formatting. */
export function replyText(reply: Reply, texts: WhatsAppTexts, locale: WhatsAppLocale): string {
  const body = renderWhatsAppText(reply.text).trim();
  const buttons = reply.buttons ?? [];
  if (buttons.length === 0) return body;
  const list = buttons.map((b, i) => `${i + 1}. ${b.label}`).join("\n");
  return [body, list, choicePrompt(texts, locale, buttons.length)].filter(Boolean).join("\n\n");
}

/** Every WhatsApp message one Reply becomes, in sending order. */
export function renderReply(reply: Reply, texts: WhatsAppTexts, locale: WhatsAppLocale): OutgoingMessage[] {
  const text = replyText(reply, texts, locale);
  const buttons = reply.buttons && reply.buttons.length > 0 ? reply.buttons : undefined;
  const media = reply.document ?? reply.image;
  const ownCaption = reply.image?.caption ? renderWhatsAppText(reply.image.caption) : undefined;
  const captioned = media !== undefined && ownCaption === undefined && text.length > 0 && text.length <= CAPTION_LIMIT;
  const out: OutgoingMessage[] = [];
  if (text && !captioned) {
    const parts = splitWhatsAppText(text);
    parts.forEach((part, i) => out.push({ content: { text: part }, ...(buttons && i === parts.length - 1 ? { buttons } : {}) }));
  }
  const caption = captioned ? { caption: text } : {};
  const withButtons = captioned && buttons ? { buttons } : {};
  if (reply.image) {
    const imageCaption = ownCaption !== undefined ? { caption: ownCaption } : caption;
    out.push({ content: { image: Buffer.from(reply.image.base64, "base64"), mimetype: reply.image.mimeType, ...imageCaption }, ...withButtons });
  }
  if (reply.document) {
    // With both an image and a document the caption goes on the image only.
    const docCaption = reply.image ? {} : caption;
    out.push({
      content: { document: Buffer.from(reply.document.base64, "base64"), mimetype: reply.document.mimeType, fileName: reply.document.filename, ...docCaption },
      ...(reply.image ? {} : withButtons),
    });
  }
  return out;
}

/** All messages for a list of replies (one engine answer or one outbox item). */
export function renderReplies(replies: Reply[], texts: WhatsAppTexts, locale: WhatsAppLocale): OutgoingMessage[] {
  return replies.flatMap((r) => renderReply(r, texts, locale));
}
