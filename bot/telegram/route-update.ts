// Decides what one Telegram update means for the assistant, as plain data (no I/O): a message for
// the engine, a button press, an inline query, content a waiting user should be told we cannot
// read, or something to ignore (groups not addressing the bot, channel posts, service messages).
// The Telegram staff group is not a patron chat: its updates never reach the engine; a reply to one
// of the bot's posts there is a librarian's answer, and "/tautkan <code>" in private links a
// librarian's account (both handled by the adapter through the staff-group API).
import type { Message, MessageEntity, Update, User } from "grammy/types";
import type { InboundMessage } from "../../api/dialog/reply.js";

export type BotIdentity = { id: number; username: string };

/** Where replies go: the chat, and in groups the message (and forum topic) being answered. */
export type Destination = { chatId: number; threadId?: number; replyToMessageId?: number };

/** The message a pressed button belongs to, which paging replies edit. */
export type EditTarget = { chatId: number; messageId: number } | { inlineMessageId: string };

type Sender = Omit<InboundMessage, "text" | "payload">;

export type Route =
  | { kind: "message"; to: Destination; inbound: InboundMessage }
  | { kind: "callback"; queryId: string; data: string; sender: Sender; to: Destination | null; edit: EditTarget | null }
  | { kind: "inline"; queryId: string; query: string; offset: string; sender: Sender }
  /** Content the engine cannot read (sticker, photo without caption …): sent without text, so the engine answers in the user's language. */
  | { kind: "unsupported"; to: Destination; what: string; inbound: InboundMessage }
  /** A private message edited after sending: Telegram-only, answered by the adapter. */
  | { kind: "edited"; to: Destination; locale?: string }
  /** A reply in the staff group to the bot's post `ref` ("chatId:messageId"); empty text when it had none. */
  | { kind: "staff_reply"; to: Destination; ref: string; telegramUserId: string; text: string; locale?: string }
  /** "/tautkan <code>" or "/link <code>" in a private chat; empty code when none was given. */
  | { kind: "staff_link"; to: Destination; code: string; telegramUserId: string; locale?: string }
  | { kind: "ignore"; why: string };

// Message fields that carry user content we cannot read as text (as opposed to service messages).
const CONTENT_WITHOUT_TEXT = ["sticker", "photo", "video", "voice", "audio", "document", "animation", "video_note", "location", "venue", "contact", "poll", "dice", "game", "story", "paid_media", "checklist"];

function sender(update: Update, from: User, bot: BotIdentity): Sender {
  const displayName = [from.first_name, from.last_name].filter(Boolean).join(" ").trim();
  return {
    channel: "telegram",
    userId: String(from.id),
    // update_id is unique per bot; the bot id keeps it unique if the token ever changes.
    messageId: `${bot.id}:${update.update_id}`,
    ...(displayName ? { displayName } : {}),
    ...(from.language_code ? { locale: from.language_code } : {}),
  };
}

const isPrivate = (m: Message) => m.chat.type === "private";

function entityText(text: string, e: MessageEntity): string {
  return text.slice(e.offset, e.offset + e.length);
}

type Addressing = { text: string; addressed: boolean; otherBot: boolean };

/** Strips "@bot" from commands and mentions; says whether the text is addressed to this bot. */
function readAddressing(text: string, entities: MessageEntity[], bot: BotIdentity): Addressing {
  const me = `@${bot.username}`.toLowerCase();
  let addressed = false;
  let otherBot = false;
  const cuts: { from: number; to: number; with: string }[] = [];
  for (const e of entities) {
    const value = entityText(text, e);
    if (e.type === "bot_command" && e.offset === 0) {
      const at = value.indexOf("@");
      if (at === -1) addressed = true;
      else if (value.slice(at).toLowerCase() === me) {
        addressed = true;
        cuts.push({ from: e.offset + at, to: e.offset + e.length, with: "" });
      } else otherBot = true;
    } else if (e.type === "mention" && value.toLowerCase() === me) {
      addressed = true;
      cuts.push({ from: e.offset, to: e.offset + e.length, with: " " });
    } else if (e.type === "text_mention" && e.user?.id === bot.id) {
      addressed = true;
      cuts.push({ from: e.offset, to: e.offset + e.length, with: " " });
    }
  }
  let out = text;
  for (const cut of cuts.sort((a, b) => b.from - a.from)) out = out.slice(0, cut.from) + cut.with + out.slice(cut.to);
  return { text: out.replace(/[ \t]{2,}/g, " ").trim(), addressed, otherBot };
}

/** The librarians' group, when there is one (TELEGRAM_STAFF_CHAT_ID), and whether "/tautkan" is the adapter's. */
export type RouteOptions = { staffChatId?: number; linkCommands?: boolean };

const LINK_COMMAND = /^\/(?:tautkan|link)(?=\s|$)\s*(.*)$/is;

function routeStaffChat(message: Message, from: User, bot: BotIdentity): Route {
  const replyTo = message.reply_to_message;
  if (!replyTo || replyTo.from?.id !== bot.id) return { kind: "ignore", why: "staff chat message that does not reply to the bot" };
  const to: Destination = { chatId: message.chat.id, replyToMessageId: message.message_id, ...(message.is_topic_message && message.message_thread_id ? { threadId: message.message_thread_id } : {}) };
  return {
    kind: "staff_reply",
    to,
    ref: `${message.chat.id}:${replyTo.message_id}`,
    telegramUserId: String(from.id),
    text: (message.text ?? message.caption ?? "").trim(),
    ...(from.language_code ? { locale: from.language_code } : {}),
  };
}

function routeMessage(update: Update, message: Message, bot: BotIdentity, opts: RouteOptions): Route {
  const from = message.from;
  if (!from || from.is_bot) return { kind: "ignore", why: "not from a person" };
  if (opts.staffChatId !== undefined && message.chat.id === opts.staffChatId) return routeStaffChat(message, from, bot);
  if (message.via_bot?.id === bot.id) return { kind: "ignore", why: "our own inline result" };
  const priv = isPrivate(message);
  const to: Destination = priv
    ? { chatId: message.chat.id }
    : { chatId: message.chat.id, replyToMessageId: message.message_id, ...(message.is_topic_message && message.message_thread_id ? { threadId: message.message_thread_id } : {}) };
  const rawText = message.text ?? message.caption;
  if (rawText === undefined) {
    const what = CONTENT_WITHOUT_TEXT.find((k) => k in message);
    if (what && priv) return { kind: "unsupported", to, what, inbound: sender(update, from, bot) };
    return { kind: "ignore", why: what ? `${what} in a group` : "service message" };
  }
  const { text, addressed, otherBot } = readAddressing(rawText, message.entities ?? message.caption_entities ?? [], bot);
  if (otherBot) return { kind: "ignore", why: "command for another bot" };
  if (!priv && !addressed && message.reply_to_message?.from?.id !== bot.id) return { kind: "ignore", why: "group message not addressed to the bot" };
  const link = priv && opts.linkCommands ? LINK_COMMAND.exec(text) : null;
  if (link) return { kind: "staff_link", to, code: link[1]!.trim(), telegramUserId: String(from.id), ...(from.language_code ? { locale: from.language_code } : {}) };
  // A bare "@bot" in a group is a greeting: answer it like /start.
  return { kind: "message", to, inbound: { ...sender(update, from, bot), text: text || "/start" } };
}

/** Classifies an update; `bot` is getMe's id and username. */
export function routeUpdate(update: Update, bot: BotIdentity, opts: RouteOptions = {}): Route {
  if (update.message) return routeMessage(update, update.message, bot, opts);
  if (update.callback_query) {
    const q = update.callback_query;
    const from = sender(update, q.from, bot);
    if (q.data === undefined) return { kind: "ignore", why: "game callback" };
    const message = q.message;
    if (opts.staffChatId !== undefined && message?.chat.id === opts.staffChatId) return { kind: "ignore", why: "button in the staff chat" };
    // A message older than 48 hours arrives "inaccessible" (date 0): it can still be edited.
    const edit: EditTarget | null = message ? { chatId: message.chat.id, messageId: message.message_id } : q.inline_message_id ? { inlineMessageId: q.inline_message_id } : null;
    const to: Destination | null = message
      ? { chatId: message.chat.id, ...(message.chat.type !== "private" && "message_thread_id" in message && message.is_topic_message && message.message_thread_id ? { threadId: message.message_thread_id } : {}) }
      : null;
    return { kind: "callback", queryId: q.id, data: q.data, sender: from, to, edit };
  }
  if (update.inline_query) {
    const q = update.inline_query;
    return { kind: "inline", queryId: q.id, query: q.query, offset: q.offset, sender: sender(update, q.from, bot) };
  }
  if (update.edited_message) {
    const m = update.edited_message;
    if (isPrivate(m) && m.from && !m.from.is_bot) return { kind: "edited", to: { chatId: m.chat.id }, ...(m.from.language_code ? { locale: m.from.language_code } : {}) };
    return { kind: "ignore", why: "edited message in a group" };
  }
  const kind = Object.keys(update).find((k) => k !== "update_id") ?? "nothing";
  return { kind: "ignore", why: `${kind} update` };
}
