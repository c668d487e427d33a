import { describe, expect, it } from "vitest";
import { routeUpdate, type BotIdentity } from "../../bot/telegram/route-update.js";
import { createUpdateFactory, GROUP_CHAT, RESIDENT, VISITOR } from "../fakes/telegram-updates.js";

const bot: BotIdentity = { id: 7_012_345_678, username: "TanyaPustakaBot" };
let messageId = 1;
const updates = createUpdateFactory({ nextMessageId: () => messageId++ });

describe("routeUpdate", () => {
  it("turns a private text into an engine message with the user's id, name and language", () => {
    const update = updates.privateText("ada buku laskar pelangi gak?");
    const route = routeUpdate(update, bot);
    expect(route).toEqual({
      kind: "message",
      to: { chatId: RESIDENT.id },
      inbound: {
        channel: "telegram",
        userId: String(RESIDENT.id),
        messageId: `${bot.id}:${update.update_id}`,
        text: "ada buku laskar pelangi gak?",
        displayName: "Sari Ndun",
        locale: "id",
      },
    });
    const en = routeUpdate(updates.privateText("hello", VISITOR), bot);
    expect(en).toMatchObject({ inbound: { locale: "en-GB", displayName: "Tom" } });
  });

  it("passes commands on, without this bot's @name", () => {
    expect(routeUpdate(updates.privateText("/hapusdata"), bot)).toMatchObject({ kind: "message", inbound: { text: "/hapusdata" } });
    expect(routeUpdate(updates.privateText("/cari@TanyaPustakaBot bumi manusia"), bot)).toMatchObject({ inbound: { text: "/cari bumi manusia" } });
    expect(routeUpdate(updates.privateText("/start@OtherBot"), bot)).toMatchObject({ kind: "ignore" });
  });

  it("in groups answers only commands, mentions and replies to the bot", () => {
    expect(routeUpdate(updates.groupText("ada buku laskar pelangi gak?"), bot)).toMatchObject({ kind: "ignore" });
    expect(routeUpdate(updates.groupText("@SomeoneElse ada buku laskar?"), bot)).toMatchObject({ kind: "ignore" });
    const mentioned = updates.groupText("@tanyapustakabot ada buku laskar pelangi gak?");
    expect(routeUpdate(mentioned, bot)).toMatchObject({
      kind: "message",
      to: { chatId: GROUP_CHAT.id, replyToMessageId: mentioned.message!.message_id },
      inbound: { text: "ada buku laskar pelangi gak?", userId: String(RESIDENT.id) },
    });
    expect(routeUpdate(updates.groupText("cari dong @TanyaPustakaBot bumi manusia"), bot)).toMatchObject({ inbound: { text: "cari dong bumi manusia" } });
    expect(routeUpdate(updates.groupText("/bantuan@TanyaPustakaBot"), bot)).toMatchObject({ kind: "message", inbound: { text: "/bantuan" } });
    expect(routeUpdate(updates.groupText("/bantuan@OtherBot"), bot)).toMatchObject({ kind: "ignore" });
    expect(routeUpdate(updates.groupText("@TanyaPustakaBot"), bot)).toMatchObject({ kind: "message", inbound: { text: "/start" } });
    const botMessage = { message_id: 5, from: { id: bot.id, is_bot: true, first_name: "Tanya Pustaka" }, chat: GROUP_CHAT, date: 1, text: "hasil" };
    expect(routeUpdate(updates.groupText("yang kedua", { replyTo: botMessage as never }), bot)).toMatchObject({ kind: "message", inbound: { text: "yang kedua" } });
  });

  it("maps a button press to its payload and the message to edit", () => {
    const message = { message_id: 42, from: { id: bot.id, is_bot: true, first_name: "T" }, chat: { id: RESIDENT.id, type: "private", first_name: "Sari" }, date: 1, text: "hasil" };
    const update = updates.callbackQuery("search:next", message as never);
    expect(routeUpdate(update, bot)).toEqual({
      kind: "callback",
      queryId: update.callback_query!.id,
      data: "search:next",
      sender: { channel: "telegram", userId: String(RESIDENT.id), messageId: `${bot.id}:${update.update_id}`, displayName: "Sari Ndun", locale: "id" },
      to: { chatId: RESIDENT.id },
      edit: { chatId: RESIDENT.id, messageId: 42 },
    });
  });

  it("routes inline queries", () => {
    const update = updates.inlineQuery("laskar");
    expect(routeUpdate(update, bot)).toMatchObject({ kind: "inline", queryId: update.inline_query!.id, query: "laskar", offset: "" });
  });

  it("tells a waiting user about content it cannot read, and ignores it where nobody waits", () => {
    const sticker = updates.sticker();
    expect(routeUpdate(sticker, bot)).toEqual({
      kind: "unsupported",
      to: { chatId: RESIDENT.id },
      what: "sticker",
      inbound: { channel: "telegram", userId: String(RESIDENT.id), messageId: `${bot.id}:${sticker.update_id}`, displayName: "Sari Ndun", locale: "id" },
    });
    expect(routeUpdate(updates.photo(), bot)).toMatchObject({ kind: "unsupported", what: "photo" });
    expect(routeUpdate(updates.photo("ada buku ini?"), bot)).toMatchObject({ kind: "message", inbound: { text: "ada buku ini?" } });
    expect(routeUpdate(updates.editedMessage("ralat"), bot)).toEqual({ kind: "edited", to: { chatId: RESIDENT.id }, locale: "id" });
    expect(routeUpdate(updates.sticker(RESIDENT, GROUP_CHAT), bot)).toMatchObject({ kind: "ignore" });
    expect(routeUpdate(updates.channelPost("pengumuman"), bot)).toMatchObject({ kind: "ignore" });
    expect(routeUpdate(updates.raw({ my_chat_member: {} as never }), bot)).toMatchObject({ kind: "ignore" });
    const service = updates.raw({ message: { message_id: 1, date: 1, chat: { id: RESIDENT.id, type: "private", first_name: "S" }, from: RESIDENT, pinned_message: {} } as never });
    expect(routeUpdate(service, bot)).toMatchObject({ kind: "ignore", why: "service message" });
  });

  it("ignores other bots and its own inline results coming back", () => {
    const fromBot = updates.privateText("halo", { id: 99, is_bot: true, first_name: "Bot", username: "x_bot" });
    expect(routeUpdate(fromBot, bot)).toMatchObject({ kind: "ignore" });
    const via = updates.privateText("Laskar Pelangi (2005)");
    (via.message as { via_bot?: unknown }).via_bot = { id: bot.id, is_bot: true, first_name: "T", username: bot.username };
    expect(routeUpdate(via, bot)).toMatchObject({ kind: "ignore" });
  });
});

describe("routeUpdate with a staff group", () => {
  const STAFF = { id: -1005550000001, title: "Pustakawan", type: "supergroup" as const, is_forum: undefined };
  const staff = { staffChatId: STAFF.id, linkCommands: true };
  const botPost = { message_id: 900, from: { id: bot.id, is_bot: true, first_name: "Tanya Pustaka" }, chat: STAFF, date: 0, text: "🆕 Tiket #12" } as never;

  it("a reply to the bot's post in the staff group is a staff reply naming the post", () => {
    const update = updates.groupText("Ada, di rak 746.", { chat: STAFF, replyTo: botPost });
    expect(routeUpdate(update, bot, staff)).toEqual({
      kind: "staff_reply",
      to: { chatId: STAFF.id, replyToMessageId: update.message!.message_id },
      ref: `${STAFF.id}:900`,
      telegramUserId: String(RESIDENT.id),
      text: "Ada, di rak 746.",
      locale: "id",
    });
  });

  it("anything else in the staff group is ignored, even commands and mentions", () => {
    for (const text of ["selamat pagi", "/cari laskar", "@TanyaPustakaBot ada buku laskar?"]) {
      expect(routeUpdate(updates.groupText(text, { chat: STAFF }), bot, staff)).toMatchObject({ kind: "ignore" });
    }
    // Without the option the same mention is a patron message.
    expect(routeUpdate(updates.groupText("@TanyaPustakaBot ada buku?", { chat: STAFF }), bot)).toMatchObject({ kind: "message" });
  });

  it("'/tautkan <code>' and '/link <code>' in a private chat are link commands; in groups they are not", () => {
    expect(routeUpdate(updates.privateText("/tautkan abcd-2345"), bot, staff)).toMatchObject({ kind: "staff_link", code: "abcd-2345", telegramUserId: String(RESIDENT.id) });
    expect(routeUpdate(updates.privateText("/link@TanyaPustakaBot ABCD2345"), bot, staff)).toMatchObject({ kind: "staff_link", code: "ABCD2345" });
    expect(routeUpdate(updates.privateText("/tautkan"), bot, staff)).toMatchObject({ kind: "staff_link", code: "" });
    expect(routeUpdate(updates.privateText("/linker"), bot, staff)).toMatchObject({ kind: "message" });
    expect(routeUpdate(updates.groupText("/tautkan@TanyaPustakaBot ABCD2345"), bot, staff)).toMatchObject({ kind: "message" });
    expect(routeUpdate(updates.privateText("/tautkan ABCD2345"), bot)).toMatchObject({ kind: "message" });
  });
});
