// The WhatsApp adapter at its boundary: recorded-style messages.upsert payloads go in through
// the socket stand-in's event emitter, the engine is an injected function that records what it
// receives, and what reaches sendMessage / readMessages / sendPresenceUpdate is checked.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { InboundMessage, Reply } from "../../api/dialog/reply.js";
import type { EngineAnswer } from "../../bot/whatsapp/message-handler.js";
import { FIXTURE_CONNECTED_AT, upsertFixture } from "../fakes/whatsapp-fixtures.js";
import type { FakeWhatsAppSocket } from "../fakes/whatsapp-socket.js";
import { memoryLogger } from "../support/silent-logger.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { createWhatsAppHarness, type WhatsAppHarness } from "../support/whatsapp-harness.js";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb.drop();
});

const RESULTS: Reply = {
  text: "Hasil untuk *bumi manusia*:\n1. *Bumi Manusia* — Pramoedya Ananta Toer (2005)\n2. *Anak Semua Bangsa* — Pramoedya Ananta Toer (2006)",
  buttons: [
    { label: "Detail 1", payload: "rec:101" },
    { label: "Detail 2", payload: "rec:102" },
  ],
};

let received: InboundMessage[];
let answer: (msg: InboundMessage) => Promise<Reply[] | EngineAnswer>;
let h: WhatsAppHarness;
let socket: FakeWhatsAppSocket;
let log: ReturnType<typeof memoryLogger>;

beforeEach(async () => {
  await tdb.db.whatsAppContact.deleteMany();
  await tdb.db.whatsAppAuthKey.deleteMany();
  received = [];
  answer = async () => [RESULTS];
  log = memoryLogger();
  h = await createWhatsAppHarness({
    db: tdb.db,
    log,
    send: (msg) => {
      received.push(msg);
      return answer(msg);
    },
  });
  socket = await h.connect(FIXTURE_CONNECTED_AT);
});
afterEach(async () => {
  await h.stop();
});

async function deliver(name: string): Promise<void> {
  socket.upsert(upsertFixture(name));
  await h.handler.idle();
}

describe("WhatsApp adapter boundary", () => {
  it("plain text: marks read, shows typing, asks the engine, sends the numbered list, stops typing", async () => {
    await deliver("plain-text");
    expect(received).toEqual([
      { channel: "whatsapp", userId: "123456789012345@lid", messageId: expect.stringMatching(/:3EB0A1B2C3D4E5F60718$/), text: "ada buku bumi manusia?", displayName: "Sari" },
    ]);
    expect(socket.reads.map((k) => k.id)).toEqual(["3EB0A1B2C3D4E5F60718"]);
    expect(socket.sent).toHaveLength(1);
    expect(socket.sent[0]!.jid).toBe("123456789012345@lid");
    expect(socket.texts()[0]).toBe(
      "Hasil untuk *bumi manusia*:\n1. *Bumi Manusia* — Pramoedya Ananta Toer (2005)\n2. *Anak Semua Bangsa* — Pramoedya Ananta Toer (2006)\n\n1. Detail 1\n2. Detail 2\n\nBalas 1 atau 2",
    );
    expect(socket.calls).toEqual(["readMessages", "presence:composing", "sendMessage", "presence:paused"]);
    expect(socket.presence.every((p) => p.jid === "123456789012345@lid")).toBe(true);
  });

  it("records that the user wrote first, under the LID with the phone JID as the alternative", async () => {
    await deliver("plain-text");
    const contact = await h.contacts.find("6281298765432@s.whatsapp.net");
    expect(contact).toMatchObject({ jid: "123456789012345@lid", altJid: "6281298765432@s.whatsapp.net" });
  });

  it("extendedTextMessage and an image caption reach the engine as text", async () => {
    await deliver("extended-text");
    await deliver("image-caption");
    expect(received.map((m) => m.text)).toEqual([
      "Novel Pramoedya yang tersedia di cabang Oebobo https://goodreads.com/book/show/1398034",
      "ada buku ini di perpustakaan?",
    ]);
    expect(socket.sent.map((s) => s.jid)).toEqual(["6281298765432@s.whatsapp.net", "123456789012345@lid"]);
  });

  it("a quoted '2' answering one of our lists is sent to the engine as that list's button payload", async () => {
    await deliver("plain-text");
    const listId = socket.sent[0]!.id;
    const quoted = upsertFixture("quoted-reply");
    quoted.messages[0]!.message!.extendedTextMessage!.contextInfo!.stanzaId = listId;
    socket.upsert(quoted);
    await h.handler.idle();
    expect(received[1]).toMatchObject({ payload: "rec:102" });
    expect(received[1]!.text).toBeUndefined();
  });

  it("a group message mentioning the bot is answered in the group, quoting the question", async () => {
    await deliver("group-mention");
    expect(received).toMatchObject([{ userId: "123456789012345@lid", text: "ada buku bumi manusia?" }]);
    expect(socket.sent[0]!.jid).toBe("120363041234567890@g.us");
    expect(socket.sent[0]!.options?.quoted?.key.id).toBe("3EB0AA11BB22CC33DD44");
    // A mention in a group is not a private chat: the bot may not start one from it.
    expect(await h.contacts.find("123456789012345@lid")).toBeNull();
  });

  it("ignores groups without a mention, status@broadcast, its own messages and history sync", async () => {
    for (const name of ["group-no-mention", "status-broadcast", "from-me", "history-append", "offline-notify", "revoke"]) await deliver(name);
    expect(received).toEqual([]);
    expect(socket.sent).toEqual([]);
    expect(socket.reads).toEqual([]);
    expect(await tdb.db.whatsAppContact.count()).toBe(0);
  });

  it("hands a sticker to the engine without text (it explains that it reads text), as Telegram does", async () => {
    answer = async () => [{ text: "Maaf, saya hanya bisa membaca pesan teks." }];
    await deliver("sticker");
    expect(received).toEqual([{ channel: "whatsapp", userId: "123456789012345@lid", messageId: expect.stringMatching(/:3EB0571C4E2000000001$/), displayName: "Sari" }]);
    expect(socket.texts()).toEqual(["Maaf, saya hanya bisa membaca pesan teks."]);
  });

  it("says the choices in English once the engine reports the user's locale as en", async () => {
    answer = async () => ({ replies: [RESULTS], locale: "en" });
    await deliver("plain-text");
    expect(socket.texts()[0]!.endsWith("Reply 1 or 2")).toBe(true);
  });

  it("answers with an apology when the service is down, and the user can simply try again", async () => {
    answer = async () => {
      throw new Error("connect ECONNREFUSED 127.0.0.1:3000");
    };
    await deliver("plain-text");
    expect(socket.texts()).toEqual([expect.stringContaining("layanan sedang terganggu")]);
  });

  it("answers the messages of one chat in order, even when the first answer is slower", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    answer = async (msg) => {
      if (msg.text === "ada buku bumi manusia?") await gate;
      return [{ text: `jawaban untuk: ${msg.text}` }];
    };
    const first = upsertFixture("plain-text");
    const second = upsertFixture("plain-text");
    second.messages[0]!.key.id = "3EB0SECOND0000000001";
    second.messages[0]!.message = { conversation: "2" };
    socket.upsert(first);
    socket.upsert(second);
    release();
    await h.handler.idle();
    expect(socket.texts()).toEqual(["jawaban untuk: ada buku bumi manusia?", "jawaban untuk: 2"]);
  });

  it("a reply that fails to send because the connection dropped goes out on the next connection", async () => {
    socket.failSends(1);
    socket.upsert(upsertFixture("plain-text"));
    await vi.waitFor(() => expect(socket.calls).toContain("sendMessage"));
    // WhatsApp reports the dropped connection; the manager reconnects after its backoff.
    socket.close(428);
    await h.manager.idle();
    h.timers.fireNext();
    await h.manager.idle();
    const next = h.socket();
    expect(next).not.toBe(socket);
    next.open();
    await h.manager.idle();
    await h.handler.idle();
    expect(socket.sent).toEqual([]);
    expect(next.texts()).toHaveLength(1);
    expect(next.texts()[0]).toContain("Balas 1 atau 2");
  });

  it("a message WhatsApp delivers twice is answered once", async () => {
    await deliver("plain-text");
    await deliver("plain-text");
    expect(received).toHaveLength(1);
    expect(socket.sent).toHaveLength(1);
  });

  it("never writes a phone number or JID to the log", async () => {
    for (const name of ["plain-text", "extended-text", "group-mention", "sticker"]) await deliver(name);
    const text = log.text();
    expect(text).not.toMatch(/6281298765432|123456789012345|120363041234567890/);
  });
});
