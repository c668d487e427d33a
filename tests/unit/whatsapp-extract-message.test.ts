import { describe, expect, it } from "vitest";
import { extractMessage, timestampSeconds, type ExtractContext, type Extracted } from "../../bot/whatsapp/extract-message.js";
import { chatKind, jidTag, userAddress } from "../../bot/whatsapp/jids.js";
import { FIXTURE_CONNECTED_AT, upsertFixture as fixture } from "../fakes/whatsapp-fixtures.js";

const ctx = (over: Partial<ExtractContext> = {}): ExtractContext => ({
  me: { id: "6281200000001:5@s.whatsapp.net", lid: "210000000000001:5@lid" },
  connectedAt: FIXTURE_CONNECTED_AT,
  buttonsOf: () => undefined,
  ...over,
});

function one(name: string, c: ExtractContext = ctx()): Extracted {
  const event = fixture(name);
  const [msg] = event.messages;
  return extractMessage(msg!, event.type, c);
}

describe("extractMessage on recorded messages.upsert payloads", () => {
  it("plain text (conversation) from a LID chat: the LID is the user id, the phone JID its alternative", () => {
    const ex = one("plain-text");
    expect(ex).toMatchObject({
      kind: "message",
      chatJid: "123456789012345@lid",
      group: false,
      sender: { userId: "123456789012345@lid", altJid: "6281298765432@s.whatsapp.net" },
      inbound: { channel: "whatsapp", userId: "123456789012345@lid", text: "ada buku bumi manusia?", displayName: "Sari" },
    });
    if (ex.kind !== "message") throw new Error("unreachable");
    expect(ex.inbound.messageId).toMatch(/^[0-9a-f]{10}:3EB0A1B2C3D4E5F60718$/);
    expect(ex.inbound.messageId).not.toContain("123456789012345");
  });

  it("extendedTextMessage (text with a link preview) from a phone-number chat", () => {
    const ex = one("extended-text");
    expect(ex).toMatchObject({
      kind: "message",
      sender: { userId: "6281298765432@s.whatsapp.net" },
      inbound: { text: "Novel Pramoedya yang tersedia di cabang Oebobo https://goodreads.com/book/show/1398034" },
    });
  });

  it("a phone-number chat whose LID is known gets the LID as user id", () => {
    expect(one("document-caption")).toMatchObject({
      kind: "message",
      chatJid: "6281298765432@s.whatsapp.net",
      sender: { userId: "123456789012345@lid", altJid: "6281298765432@s.whatsapp.net" },
      inbound: { text: "buatkan sitasi APA buku ini" },
    });
  });

  it("a quoted reply '2' to one of our numbered lists becomes that list's second button", () => {
    const buttons = [
      { label: "Detail: Bumi Manusia", payload: "rec:101" },
      { label: "Detail: Anak Semua Bangsa", payload: "rec:102" },
    ];
    const ex = one("quoted-reply", ctx({ buttonsOf: (id) => (id === "BAE5F00D00000001" ? buttons : undefined) }));
    expect(ex).toMatchObject({ kind: "message", inbound: { payload: "rec:102" } });
    if (ex.kind === "message") expect(ex.inbound.text).toBeUndefined();
  });

  it("a quoted reply to a list we no longer remember stays text, for the engine's own mapping", () => {
    expect(one("quoted-reply")).toMatchObject({ kind: "message", inbound: { text: "2" } });
  });

  it("an image with a caption is read as its caption", () => {
    expect(one("image-caption")).toMatchObject({ kind: "message", inbound: { text: "ada buku ini di perpustakaan?" } });
  });

  it("a group message mentioning the bot: the sender is the participant, the mention is stripped", () => {
    expect(one("group-mention")).toMatchObject({
      kind: "message",
      chatJid: "120363041234567890@g.us",
      group: true,
      sender: { userId: "123456789012345@lid", altJid: "6281298765432@s.whatsapp.net" },
      inbound: { userId: "123456789012345@lid", text: "ada buku bumi manusia?" },
    });
  });

  it("a group message not addressed to the bot is ignored", () => {
    expect(one("group-no-mention")).toEqual({ kind: "ignore", why: "group message not addressed to the bot" });
  });

  it("status updates, our own messages and history sync are ignored", () => {
    expect(one("status-broadcast")).toEqual({ kind: "ignore", why: "status update" });
    expect(one("from-me")).toEqual({ kind: "ignore", why: "our own message" });
    const history = fixture("history-append");
    expect(history.messages.length).toBeGreaterThan(0);
    for (const m of history.messages) expect(extractMessage(m, history.type, ctx())).toEqual({ kind: "ignore", why: "history sync (append)" });
  });

  it("a notify older than the connection (sent while we were offline) is ignored; within clock skew it is answered", () => {
    expect(one("offline-notify")).toEqual({ kind: "ignore", why: "older than the connection" });
    expect(one("plain-text", ctx({ connectedAt: 1763712001 + 20 }))).toMatchObject({ kind: "message" });
    // Before the connection has opened there is nothing to compare with.
    expect(one("offline-notify", ctx({ connectedAt: null }))).toMatchObject({ kind: "message" });
  });

  it("a sticker is something a waiting user should be told we cannot read", () => {
    const ex = one("sticker");
    expect(ex).toMatchObject({ kind: "unsupported", what: "stickerMessage", chatJid: "123456789012345@lid", inbound: { userId: "123456789012345@lid" } });
    if (ex.kind === "unsupported") expect(ex.inbound.text).toBeUndefined();
  });

  it("a deletion (protocol message) is ignored silently", () => {
    expect(one("revoke")).toMatchObject({ kind: "ignore" });
  });

  it("reads protobuf Long and string timestamps", () => {
    expect(timestampSeconds(1763712001)).toBe(1763712001);
    expect(timestampSeconds("1763712001" as never)).toBe(1763712001);
    expect(timestampSeconds({ low: 1763712001, high: 0, unsigned: false, toNumber: () => 1763712001 } as never)).toBe(1763712001);
    expect(timestampSeconds(null)).toBeNull();
  });
});

describe("JIDs", () => {
  it("classifies chats", () => {
    expect(chatKind("status@broadcast")).toBe("status");
    expect(chatKind("120363041234567890@g.us")).toBe("group");
    expect(chatKind("123456789012345@lid")).toBe("user");
    expect(chatKind("6281298765432@s.whatsapp.net")).toBe("user");
    expect(chatKind("120363000000000000@newsletter")).toBe("newsletter");
  });

  it("drops device suffixes and prefers the LID", () => {
    expect(userAddress("6281298765432:3@s.whatsapp.net", "123456789012345:3@lid")).toEqual({ userId: "123456789012345@lid", altJid: "6281298765432@s.whatsapp.net" });
    expect(userAddress("6281298765432@s.whatsapp.net", undefined)).toEqual({ userId: "6281298765432@s.whatsapp.net" });
  });

  it("log tags never contain the number", () => {
    const tag = jidTag("6281298765432@s.whatsapp.net");
    expect(tag).toMatch(/^wa:[0-9a-f]{10}$/);
    expect(tag).toBe(jidTag("6281298765432:7@s.whatsapp.net"));
  });
});
