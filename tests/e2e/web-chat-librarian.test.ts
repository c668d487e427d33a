// A web chat user asks a librarian in a real browser; the librarian's answer and the rating
// question arrive later through the outbox (GET /v1/chat/inbox), and pressing 5 stores the rating.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import { createTicketService } from "../../api/inbox/ticket-service.js";
import type { StaffActor, TicketService } from "../../api/inbox/ticket-types.js";
import { createOutboxServiceFromConfig } from "../../api/outbox/outbox-service.js";
import { browserSkipReason, screenshotPath } from "../support/browser.js";
import { createDialogLibrary, type DialogLibrary } from "../support/dialog-library.js";
import { openWebChat, type WebChatPage } from "../support/web-chat-page.js";

const skipReason = browserSkipReason();
if (skipReason) console.warn(skipReason);

describe.skipIf(skipReason !== null)("asking a librarian from the web chat", () => {
  let lib: DialogLibrary;
  let chat: WebChatPage;
  let page: Page;
  let tickets: TicketService;
  let librarian: StaffActor;

  beforeAll(async () => {
    lib = await createDialogLibrary();
    const config = lib.config({ SERVICE_TOKEN: "e2e-service-token-0123456789" });
    const outbox = createOutboxServiceFromConfig(lib.db, config);
    tickets = createTicketService({ db: lib.db, outbox, log: lib.log });
    const app = createApp({ db: lib.db, search: lib.search, config, log: lib.log, catalogue: lib.catalogue, outbox, tickets });
    const staff = await lib.db.staff.create({ data: { email: "ani@perpus.test", name: "Ani", passwordHash: "x", role: "librarian" } });
    librarian = { id: staff.id, role: "librarian", name: "Ani" };
    chat = await openWebChat(app.fetch);
    page = chat.page;
  });

  afterAll(async () => {
    await chat?.close();
    await lib?.close();
  });

  const botBubbles = () => chat.botBubbles();
  const say = (text: string) => chat.say(text);

  it("a web user asks 'tanya pustakawan', confirms, gets the librarian's answer and rates it 5", async () => {
    await page.goto(`${chat.url}/chat`);
    await page.locator("#log .msg.bot:not(.typing)", { hasText: "/hapusdata" }).first().waitFor();

    await say("tanya pustakawan");
    await say("Apakah perpustakaan buka saat libur nasional?");
    const confirm = botBubbles().last();
    expect(await confirm.textContent()).toContain("Apakah perpustakaan buka saat libur nasional?");
    const before = await botBubbles().count();
    await confirm.getByRole("button", { name: /Kirim ke pustakawan/ }).click();
    await botBubbles().nth(before).waitFor();

    const ticket = await lib.db.ticket.findFirstOrThrow({ where: { channel: "web" } });
    expect(await botBubbles().last().textContent()).toContain(`#${ticket.id}`);

    await tickets.answer(ticket.id, librarian, "Tutup pada hari libur <b>nasional</b>, buka lagi keesokan harinya.");
    // The page fetches waiting messages when the tab gets focus (and every 15 s).
    await page.evaluate(() => window.dispatchEvent(new Event("focus")));
    const answer = page.locator("#log .msg.bot", { hasText: "buka lagi keesokan harinya" });
    await answer.waitFor();
    // Staff text is shown as text, never as markup.
    expect(await answer.textContent()).toContain("<b>nasional</b>");
    expect(await answer.locator("b").count()).toBe(0);

    const rating = page.locator("#log .msg.bot", { hasText: "Seberapa membantu" });
    await rating.waitFor();
    expect(await rating.getByRole("button").allTextContents()).toEqual(["1 ⭐", "2 ⭐", "3 ⭐", "4 ⭐", "5 ⭐"]);
    await page.screenshot({ path: screenshotPath("web-chat-librarian-answer"), fullPage: true });

    const count = await botBubbles().count();
    await rating.getByRole("button", { name: "5 ⭐" }).click();
    await botBubbles().nth(count).waitFor();
    expect(await botBubbles().last().textContent()).toContain("penilaian 5");
    expect((await lib.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).rating).toBe(5);
    // Delivered once: both outbox items are sent.
    expect(await lib.db.outbox.count({ where: { channel: "web", status: "sent" } })).toBe(2);
  });

  it("the inbox needs the chat token", async () => {
    const res = await fetch(`${chat.url}/v1/chat/inbox?userId=w0123456789abcdef0123`);
    expect(res.status).toBe(401);
  });
});
