// A WhatsApp resident asks a librarian, end to end: recorded-style messages.upsert events on the
// socket stand-in -> the real message handler -> the engine (POST /v1/messages in-process) -> a
// ticket -> the librarian logs in to the dashboard in a real browser served on 127.0.0.1, claims and
// answers -> the real WhatsApp outbox worker sends the answer and then the numbered rating question
// -> the resident replies "4" -> the reports page shows it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInProcessClient } from "../../bot/client.js";
import { createInProcessOutboxClient } from "../../bot/outbox-client.js";
import { FIXTURE_CONNECTED_AT, upsertFixture } from "../fakes/whatsapp-fixtures.js";
import type { FakeWhatsAppSocket } from "../fakes/whatsapp-socket.js";
import { browserSkipReason } from "../support/browser.js";
import { createWhatsAppHarness, type WhatsAppHarness } from "../support/whatsapp-harness.js";
import { addLibrarian, dashboardIn, openBrowser, SERVICE_TOKEN, startLibraryService, type Librarian, type LibraryService } from "./librarian-journey.js";
import { eventually } from "./telegram-harness.js";

const skipReason = browserSkipReason();
if (skipReason) console.warn(skipReason);

/** Sari's chat in the plain-text fixture. */
const SARI = "123456789012345@lid";

describe.skipIf(skipReason !== null)("asking a librarian from WhatsApp, answered in the dashboard", () => {
  let svc: LibraryService;
  let h: WhatsAppHarness;
  let socket: FakeWhatsAppSocket;
  let librarian: Librarian;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let dash: ReturnType<typeof dashboardIn>;
  let messageSeq = 0;

  beforeAll(async () => {
    svc = await startLibraryService();
    const client = createInProcessClient(svc.app, { serviceToken: SERVICE_TOKEN });
    h = await createWhatsAppHarness({
      db: svc.library.tdb.db,
      log: svc.library.log,
      send: (msg) => client.postMessage(msg),
      outbox: createInProcessOutboxClient(svc.app, { serviceToken: SERVICE_TOKEN }),
    });
    socket = await h.connect(FIXTURE_CONNECTED_AT);
    h.worker!.start();
    librarian = await addLibrarian(svc, "yuli@perpus.example", "Yuli");
    browser = await openBrowser();
    dash = dashboardIn(browser.page, svc.url);
  });

  afterAll(async () => {
    await browser?.close();
    await h?.stop();
    await svc?.close();
  });

  const db = () => svc.library.tdb.db;

  /** Sari writes `text` (the plain-text fixture with a new message id); returns what the bot sent back. */
  async function sariWrites(text: string): Promise<string[]> {
    const before = socket.sent.length;
    const event = upsertFixture("plain-text");
    event.messages[0]!.key.id = `3EB0LIBRARIAN${String(++messageSeq).padStart(7, "0")}`;
    event.messages[0]!.message = { conversation: text };
    socket.upsert(event);
    await h.handler.idle();
    return socket.texts().slice(before);
  }

  it("a resident asks on WhatsApp, the librarian claims and answers in the browser, WhatsApp receives the answer and then the numbered rating question, and the reply 4 shows in the reports", async () => {
    expect((await sariWrites("tanya pustakawan")).join("\n")).toContain("Tulis pertanyaan Anda untuk pustakawan");
    const question = "Apakah saya bisa memperpanjang pinjaman Bumi Manusia lewat WhatsApp?";
    const draft = (await sariWrites(question)).at(-1)!;
    expect(draft).toContain(`“${question}”`);
    const send = /^(\d+)\. 📨 Kirim ke pustakawan$/m.exec(draft);
    expect(send, draft).not.toBeNull();
    const confirmation = (await sariWrites(send![1]!)).join("\n");
    const ticketId = Number(/Nomor tiket: \*?#(\d+)/.exec(confirmation)?.[1]);
    expect(await db().ticket.findUniqueOrThrow({ where: { id: ticketId } })).toMatchObject({ channel: "whatsapp", recipient: SARI, status: "open", question });

    await dash.login(librarian);
    const row = await dash.findInQueue(ticketId, question, "whatsapp-queue");
    expect(row).toContain("whatsapp");

    const before = socket.sent.length;
    const answer = "Bisa, Kak Sari: balas *perpanjang* dengan nomor anggota Anda. Batasnya 2 kali & paling lambat 1 hari sebelum jatuh tempo.";
    await dash.claimAndAnswer(ticketId, question, answer, "whatsapp-ticket");
    expect(await db().ticket.findUniqueOrThrow({ where: { id: ticketId } })).toMatchObject({ status: "answered" });

    // The worker's poll comes round (its timer is the harness's manual one) and it sends both.
    h.worker!.nudge();
    const delivered = await eventually(() => {
      const texts = socket.texts().slice(before);
      return texts.length >= 2 ? texts : null;
    }, "the answer and the rating question on WhatsApp");
    expect(delivered).toHaveLength(2);
    // The librarian's asterisks stay text (∗): only the bot's own heading is bold.
    expect(delivered[0]).toBe(`💬 *Jawaban pustakawan* (tiket #${ticketId}):\n\n${answer.replaceAll("*", "∗")}`);
    expect(delivered[1]).toContain(`Seberapa membantu jawaban untuk tiket #${ticketId}?`);
    expect(delivered[1]).toMatch(/\n1\. 1 ⭐\n2\. 2 ⭐\n3\. 3 ⭐\n4\. 4 ⭐\n5\. 5 ⭐\n/);
    expect(socket.sent.slice(before).every((s) => s.jid === SARI)).toBe(true);

    const thanks = (await sariWrites("4")).join("\n");
    expect(thanks).toContain("penilaian 4");
    expect(await db().ticket.findUniqueOrThrow({ where: { id: ticketId } })).toMatchObject({ rating: 4 });
    // Each message went out once, and nothing is left waiting.
    expect(socket.texts().filter((t) => t.includes("Batasnya 2 kali"))).toHaveLength(1);
    expect(await db().outbox.findMany({ where: { recipient: SARI }, select: { status: true } })).toEqual([{ status: "sent" }, { status: "sent" }]);

    const ratings = await dash.ratings();
    expect(ratings.average).toBe("4.00 dari 5 (1 penilaian)");
    expect(ratings.perStar).toEqual([0, 0, 0, 1, 0]);
  });
});
