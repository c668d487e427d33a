// Decides what one `messages.upsert` message means for the assistant, as plain data (no I/O): a
// message for the engine, something a waiting user should be told we cannot read, or something
// to ignore (our own messages, status updates, history, groups not addressing the bot, …).
import type { proto, WAMessage, WAMessageKey } from "@whiskeysockets/baileys";
import { getContentType, jidDecode, normalizeMessageContent } from "@whiskeysockets/baileys";
import { choiceNumber } from "../../api/dialog/numbered-choice.js";
import type { Button, InboundMessage } from "../../api/dialog/reply.js";
import { chatKind, isSelf, jidTag, userAddress, type SelfIdentity, type UserAddress } from "./jids.js";

/** Who/where a message came from: replies go to `chatJid`; the engine sees `sender.userId`. */
export type Origin = { chatJid: string; sender: UserAddress; group: boolean; key: WAMessageKey };

export type Extracted =
  | ({ kind: "message"; inbound: InboundMessage } & Origin)
  /** Content without text (a sticker, a voice note): the engine answers it, as on Telegram. */
  | ({ kind: "unsupported"; what: string; inbound: InboundMessage } & Origin)
  | { kind: "ignore"; why: string };

export type ExtractContext = {
  /** The bot's own addresses (sock.user); undefined before the connection opened. */
  me: SelfIdentity | undefined;
  /** Unix seconds when the connection opened; older messages are history, not questions. */
  connectedAt: number | null;
  /** Buttons of one of our sent messages, by message id, for quoted "2" replies. */
  buttonsOf(messageId: string): Button[] | undefined;
};

// WhatsApp's and our clocks differ by a few seconds; a message this close to the connection
// time was written while we were connecting and is still a question for us.
const CLOCK_SKEW_SECONDS = 30;

// Content types that are a person's message we cannot read as text (stickers, voice notes …).
const UNREADABLE = new Set([
  "imageMessage",
  "videoMessage",
  "ptvMessage",
  "audioMessage",
  "stickerMessage",
  "documentMessage",
  "locationMessage",
  "liveLocationMessage",
  "contactMessage",
  "contactsArrayMessage",
  "pollCreationMessage",
  "pollCreationMessageV2",
  "pollCreationMessageV3",
  "eventMessage",
]);

/** messageTimestamp arrives as a number, a protobuf Long, or a numeric string. */
export function timestampSeconds(value: WAMessage["messageTimestamp"]): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return value;
  if (typeof value === "string") return Number(value) || null;
  const long = value as { toNumber?: () => number; low?: number };
  if (typeof long.toNumber === "function") return long.toNumber();
  return typeof long.low === "number" ? long.low : null;
}

type Readable = { text: string | undefined; context: proto.IContextInfo | null | undefined; type: string | undefined };

function readContent(message: proto.IMessage): Readable {
  const type = getContentType(message);
  const m = message;
  const text =
    m.conversation ??
    m.extendedTextMessage?.text ??
    m.imageMessage?.caption ??
    m.videoMessage?.caption ??
    m.documentMessage?.caption ??
    undefined;
  const context =
    m.extendedTextMessage?.contextInfo ?? m.imageMessage?.contextInfo ?? m.videoMessage?.contextInfo ?? m.documentMessage?.contextInfo ?? undefined;
  return { text: text ?? undefined, context, type };
}

/** Removes "@<number>" mentions of the bot from group text, so the engine sees the question only. */
function stripSelfMentions(text: string, me: SelfIdentity | undefined): string {
  const users = [me?.id, me?.lid].map((j) => (j ? jidDecode(j)?.user : undefined)).filter((u): u is string => Boolean(u));
  let out = text;
  for (const user of users) out = out.split(`@${user}`).join(" ");
  return out.replace(/[ \t]{2,}/g, " ").trim();
}

/** Turns one upserted message into what the adapter should do with it. */
export function extractMessage(msg: WAMessage, upsertType: "notify" | "append", ctx: ExtractContext): Extracted {
  if (upsertType !== "notify") return { kind: "ignore", why: "history sync (append)" };
  const key = msg.key;
  const chatJid = key?.remoteJid;
  if (!key || !chatJid || !key.id) return { kind: "ignore", why: "no message key" };
  if (key.fromMe) return { kind: "ignore", why: "our own message" };

  const kind = chatKind(chatJid);
  if (kind === "status") return { kind: "ignore", why: "status update" };
  if (kind !== "user" && kind !== "group") return { kind: "ignore", why: `${kind} chat` };
  const group = kind === "group";

  const sentAt = timestampSeconds(msg.messageTimestamp);
  if (ctx.connectedAt !== null && sentAt !== null && sentAt < ctx.connectedAt - CLOCK_SKEW_SECONDS) {
    return { kind: "ignore", why: "older than the connection" };
  }

  const senderJid = group ? key.participant : chatJid;
  if (!senderJid) return { kind: "ignore", why: "group message without participant" };
  if (isSelf(senderJid, ctx.me)) return { kind: "ignore", why: "our own message" };
  const sender = userAddress(senderJid, group ? key.participantAlt : key.remoteJidAlt);
  const origin: Origin = { chatJid, sender, group, key };

  const message = normalizeMessageContent(msg.message ?? undefined);
  if (!message) return { kind: "ignore", why: "no content (stub or undecryptable)" };
  const { text, context, type } = readContent(message);

  const mentioned = (context?.mentionedJid ?? []).some((j) => isSelf(j, ctx.me));
  const quotedId = context?.stanzaId ?? undefined;
  // Quotes carry the quoted author as `participant`; an id we remember sending is ours as well.
  const quotesUs = quotedId !== undefined && (isSelf(context?.participant, ctx.me) || ctx.buttonsOf(quotedId) !== undefined);
  if (group && !mentioned && !quotesUs) return { kind: "ignore", why: "group message not addressed to the bot" };

  const inbound: InboundMessage = {
    channel: "whatsapp",
    userId: sender.userId,
    // Message ids are random per sending device; the chat tag keeps two chats' ids apart.
    messageId: `${jidTag(chatJid).slice(3)}:${key.id}`,
    ...(msg.pushName ? { displayName: msg.pushName } : {}),
  };

  const cleaned = text === undefined ? undefined : group ? stripSelfMentions(text, ctx.me) : text.trim();
  if (cleaned === undefined || cleaned === "") {
    // In groups only a question for the bot is answered; a sticker there is not one.
    if (type && UNREADABLE.has(type) && !group) return { kind: "unsupported", what: type, inbound, ...origin };
    // Reactions, edits, deletions, receipts, key distribution …: nothing a user waits for.
    return { kind: "ignore", why: `no text (${type ?? "empty"})` };
  }

  // "2" as a reply to one of our numbered lists means that list's second choice, even when a
  // newer list was sent since; without a quote the engine maps the number to the latest list.
  if (quotesUs) {
    const n = choiceNumber(cleaned);
    const button = n !== null ? ctx.buttonsOf(quotedId)?.[n - 1] : undefined;
    if (button) return { kind: "message", inbound: { ...inbound, payload: button.payload }, ...origin };
  }
  return { kind: "message", inbound: { ...inbound, text: cleaned }, ...origin };
}
