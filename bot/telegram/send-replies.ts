// Turns channel-neutral Replies into Bot API calls: HTML text split under 4,096 characters with the
// keyboard on the last part, paging replies as an edit of the pressed message, documents and
// images as uploads from bytes. Calls go out one after another so the chat reads in order.
import { InputFile, type Api } from "grammy";
import type { InlineKeyboardMarkup, LinkPreviewOptions } from "grammy/types";
import type { Reply } from "../../api/dialog/reply.js";
import type { Logger } from "../../api/logger.js";
import type { CallbackData } from "./callback-data.js";
import { inlineKeyboard } from "./keyboard.js";
import { plainText, renderHtml } from "./render-html.js";
import type { Destination, EditTarget } from "./route-update.js";
import { splitText, TELEGRAM_CAPTION_LIMIT } from "./split-text.js";
import { describeError, isBotApiError } from "./telegram-error.js";

export type ReplyTarget = {
  /** Where new messages go; null when only an edit is possible (button under an inline result). */
  to: Destination | null;
  /** The message whose button was pressed, for `edit: true` replies. */
  edit: EditTarget | null;
};

const NO_PREVIEW: LinkPreviewOptions = { is_disabled: true };

const EXTENSIONS: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/gif": "gif" };

/** Sends the replies in order; throws the first Bot API error (after grammY's retries) that stops delivery. */
export async function sendReplies(api: Api, replies: Reply[], target: ReplyTarget, deps: { callbackData: CallbackData; log: Logger }): Promise<void> {
  let quoted = false;
  let edited = false;

  // In groups the first message quotes the user's, so the answer is clearly theirs.
  const place = () => {
    const to = target.to!;
    const other = {
      ...(to.threadId ? { message_thread_id: to.threadId } : {}),
      ...(to.replyToMessageId && !quoted ? { reply_parameters: { message_id: to.replyToMessageId, allow_sending_without_reply: true } } : {}),
    };
    quoted = true;
    return other;
  };

  const sendText = async (markup: string, keyboard: InlineKeyboardMarkup | undefined) => {
    const chunks = splitText(markup);
    for (const [i, chunk] of chunks.entries()) {
      const markupForChunk = i === chunks.length - 1 ? keyboard : undefined;
      try {
        await api.sendMessage(target.to!.chatId, renderHtml(chunk), { parse_mode: "HTML", link_preview_options: NO_PREVIEW, ...(markupForChunk ? { reply_markup: markupForChunk } : {}), ...place() });
      } catch (err) {
        // A rendering bug must not cost the user the answer: fall back to plain text.
        if (!isBotApiError(err, 400, "can't parse entities")) throw err;
        deps.log.error({ telegram: describeError(err) }, "telegram rejected rendered HTML; sent as plain text");
        await api.sendMessage(target.to!.chatId, plainText(chunk), { link_preview_options: NO_PREVIEW, ...(markupForChunk ? { reply_markup: markupForChunk } : {}), ...place() });
      }
    }
  };

  const tryEdit = async (markup: string, keyboard: InlineKeyboardMarkup | undefined): Promise<boolean> => {
    const edit = target.edit;
    if (!edit || edited) return false;
    const chunks = splitText(markup);
    if (chunks.length !== 1) return false;
    const html = renderHtml(chunks[0]!);
    const other = { parse_mode: "HTML" as const, link_preview_options: NO_PREVIEW, ...(keyboard ? { reply_markup: keyboard } : {}) };
    try {
      if ("inlineMessageId" in edit) await api.editMessageTextInline(edit.inlineMessageId, html, other);
      else await api.editMessageText(edit.chatId, edit.messageId, html, other);
    } catch (err) {
      // Pressing the same page twice changes nothing; Telegram calls that an error, we do not.
      if (!isBotApiError(err, 400, "message is not modified")) {
        deps.log.warn({ telegram: describeError(err) }, "could not edit the message; sending a new one");
        return false;
      }
    }
    edited = true;
    return true;
  };

  for (const reply of replies) {
    const keyboard = inlineKeyboard(reply.buttons, deps.callbackData);
    if (reply.edit && !reply.document && !reply.image && (await tryEdit(reply.text, keyboard))) continue;
    if (!target.to) {
      deps.log.warn("reply dropped: the pressed button is under an inline message and the reply is not an edit");
      continue;
    }
    const chatId = target.to.chatId;
    const hasText = reply.text.trim().length > 0;
    if (reply.document) {
      const textHtml = hasText ? renderHtml(reply.text) : "";
      const file = new InputFile(Buffer.from(reply.document.base64, "base64"), reply.document.filename);
      const asCaption = textHtml.length > 0 && textHtml.length <= TELEGRAM_CAPTION_LIMIT;
      await api.sendDocument(chatId, file, {
        ...(asCaption ? { caption: textHtml, parse_mode: "HTML" as const, ...(keyboard ? { reply_markup: keyboard } : {}) } : {}),
        ...place(),
      });
      if (!asCaption && textHtml) await sendText(reply.text, keyboard);
      continue;
    }
    if (reply.image) {
      const ext = EXTENSIONS[reply.image.mimeType] ?? "jpg";
      const file = new InputFile(Buffer.from(reply.image.base64, "base64"), `image.${ext}`);
      const captionMarkup = reply.image.caption ?? reply.text;
      const captionHtml = captionMarkup.trim() ? renderHtml(captionMarkup) : "";
      const asCaption = captionHtml.length > 0 && captionHtml.length <= TELEGRAM_CAPTION_LIMIT;
      // What does not fit (or is not) the caption follows as text, the buttons under the last of it.
      const follow = [
        ...(!asCaption && captionHtml ? [captionMarkup] : []),
        ...(reply.image.caption !== undefined && hasText && reply.text !== reply.image.caption ? [reply.text] : []),
      ];
      await api.sendPhoto(chatId, file, {
        ...(asCaption ? { caption: captionHtml, parse_mode: "HTML" as const } : {}),
        ...(keyboard && follow.length === 0 ? { reply_markup: keyboard } : {}),
        ...place(),
      });
      for (const [i, text] of follow.entries()) await sendText(text, i === follow.length - 1 ? keyboard : undefined);
      continue;
    }
    // sendText renders each part; rendering the whole text here as well cost as much again.
    if (hasText) await sendText(reply.text, keyboard);
  }
}

/** Sends replies to someone waiting for them; a failure (the user blocked the bot: 403) is logged, not thrown. */
export async function answerWith(api: Api, replies: Reply[], target: ReplyTarget, deps: { callbackData: CallbackData; log: Logger }): Promise<void> {
  try {
    await sendReplies(api, replies, target, deps);
  } catch (err) {
    deps.log.warn({ telegram: describeError(err) }, "could not deliver a reply");
  }
}
