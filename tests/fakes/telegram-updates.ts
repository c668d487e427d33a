// Builders for realistic Update JSON, shaped like what the Bot API sends (ids, entities with
// UTF-16 offsets, chat objects per chat type). Used by the fake Bot API and by webhook tests.
import type { Chat, Message, MessageEntity, Update, User } from "grammy/types";

export type TgUser = User;

export const RESIDENT: User = { id: 5550001, is_bot: false, first_name: "Sari", last_name: "Ndun", username: "sari_kupang", language_code: "id" };
export const VISITOR: User = { id: 5550002, is_bot: false, first_name: "Tom", username: "tom_travels", language_code: "en-GB" };

export const GROUP_CHAT: Chat.SupergroupChat = { id: -1001234567890, title: "Komunitas Baca Kupang", type: "supergroup", is_forum: undefined };
export const CHANNEL_CHAT: Chat.ChannelChat = { id: -1009876543210, title: "Info Perpustakaan", type: "channel" };

function privateChat(user: User): Chat.PrivateChat {
  return { id: user.id, type: "private", first_name: user.first_name, ...(user.last_name ? { last_name: user.last_name } : {}), ...(user.username ? { username: user.username } : {}) };
}

/** Entities Telegram would attach: a leading bot command, @mentions and links (UTF-16 offsets, like JS strings). */
export function entitiesOf(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  const command = /^\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{5,32})?/.exec(text);
  if (command) entities.push({ type: "bot_command", offset: 0, length: command[0].length });
  for (const m of text.matchAll(/(^|[^\w/])(@[A-Za-z0-9_]{5,32})/g)) {
    entities.push({ type: "mention", offset: m.index + m[1]!.length, length: m[2]!.length });
  }
  for (const m of text.matchAll(/https?:\/\/\S+/g)) entities.push({ type: "url", offset: m.index, length: m[0].length });
  return entities.sort((a, b) => a.offset - b.offset);
}

export type UpdateFactory = ReturnType<typeof createUpdateFactory>;

/** Update builders sharing one update_id sequence and per-chat message ids with the fake server. */
export function createUpdateFactory(opts: { nextMessageId(chatId: number): number; onBuilt?(update: Update): void; firstUpdateId?: number; now?: () => number }) {
  let updateId = opts.firstUpdateId ?? 700_000_001;
  let queryId = 1;
  const now = opts.now ?? (() => Math.floor(Date.now() / 1000));

  const textMessage = (chat: Chat, from: User, text: string, extra: Partial<Message> = {}): Message => {
    const entities = entitiesOf(text);
    return {
      message_id: opts.nextMessageId(chat.id),
      from,
      chat,
      date: now(),
      text,
      ...(entities.length ? { entities } : {}),
      ...extra,
    } as Message;
  };

  const update = (body: Omit<Update, "update_id">): Update => {
    const built = { update_id: updateId++, ...body } as Update;
    opts.onBuilt?.(built);
    return built;
  };

  return {
    /** The id the next update will get. */
    peekUpdateId: () => updateId,
    /** "ada buku laskar pelangi gak?" from a resident in a private chat. */
    privateText(text: string, from: User = RESIDENT): Update {
      return update({ message: textMessage(privateChat(from), from, text) as Update["message"] });
    },
    /** A message in a group; mention the bot by writing "@<botname>" in the text, or send "/cmd@<botname>". */
    groupText(text: string, opts2: { from?: User; chat?: Chat.GroupChat | Chat.SupergroupChat; replyTo?: Message } = {}): Update {
      const from = opts2.from ?? RESIDENT;
      const extra = opts2.replyTo ? { reply_to_message: opts2.replyTo } : {};
      return update({ message: textMessage(opts2.chat ?? GROUP_CHAT, from, text, extra as Partial<Message>) as Update["message"] });
    },
    /** A press on an inline keyboard button of a message the bot sent. */
    callbackQuery(data: string, message: Message, from: User = RESIDENT): Update {
      return update({
        callback_query: { id: `${from.id}${String(queryId++).padStart(6, "0")}`, from, message: message as never, chat_instance: `-${8_247_325_426 + message.chat.id}`, data },
      });
    },
    /** "@bot laskar" typed in any chat. */
    inlineQuery(query: string, from: User = RESIDENT, offset = ""): Update {
      return update({ inline_query: { id: `${from.id}${String(queryId++).padStart(8, "0")}`, from, query, offset, chat_type: "sender" } });
    },
    /** A sticker in a private chat (or a group). */
    sticker(from: User = RESIDENT, chat: Chat = privateChat(from)): Update {
      return update({
        message: {
          message_id: opts.nextMessageId(chat.id),
          from,
          chat,
          date: now(),
          sticker: { file_id: "CAACAgIAAxkBAAIBQmVhZ2VfaWQ", file_unique_id: "AgADxQ0AAm7xEUs", type: "regular", width: 512, height: 512, is_animated: false, is_video: false, emoji: "👍", set_name: "HotCherry", file_size: 22_344 },
        } as Update["message"],
      });
    },
    /** A photo, without a caption unless one is given. */
    photo(caption?: string, from: User = RESIDENT): Update {
      const chat = privateChat(from);
      const sizes = [90, 320, 800].map((w, i) => ({ file_id: `AgACAgUAAxkBAAIBP${i}`, file_unique_id: `AQADs${i}`, width: w, height: Math.round(w * 0.75), file_size: w * 40 }));
      return update({
        message: { message_id: opts.nextMessageId(chat.id), from, chat, date: now(), photo: sizes, ...(caption ? { caption } : {}) } as Update["message"],
      });
    },
    /** A user edited an earlier message of theirs. */
    editedMessage(text: string, from: User = RESIDENT): Update {
      const chat = privateChat(from);
      return update({ edited_message: { ...textMessage(chat, from, text), edit_date: now() } as Update["edited_message"] });
    },
    /** A post in a channel the bot administers (nobody waits for an answer). */
    channelPost(text: string): Update {
      return update({
        channel_post: { message_id: opts.nextMessageId(CHANNEL_CHAT.id), sender_chat: CHANNEL_CHAT, chat: CHANNEL_CHAT, date: now(), text } as Update["channel_post"],
      });
    },
    /** Anything else, e.g. a my_chat_member update; the update_id is added. */
    raw(body: Omit<Update, "update_id">): Update {
      return update(body);
    },
  };
}
