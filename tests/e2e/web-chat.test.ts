import fs from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import { browserSkipReason, screenshotPath } from "../support/browser.js";
import { createDialogLibrary, type DialogLibrary } from "../support/dialog-library.js";
import { openWebChat, type WebChatPage } from "../support/web-chat-page.js";

const skipReason = browserSkipReason();
if (skipReason) console.warn(skipReason);

describe.skipIf(skipReason !== null)("the web chat in a real browser", () => {
  let lib: DialogLibrary;
  let chat: WebChatPage;
  let page: Page;
  const alerts: string[] = [];

  beforeAll(async () => {
    lib = await createDialogLibrary();
    // A service token is set, as in production: the page must work without knowing it.
    const config = lib.config({ SERVICE_TOKEN: "e2e-service-token-0123456789" });
    const app = createApp({ db: lib.db, search: lib.search, config, log: lib.log, catalogue: lib.catalogue });
    chat = await openWebChat(app.fetch);
    page = chat.page;
    page.on("dialog", (d) => {
      alerts.push(d.message());
      void d.dismiss();
    });
  });

  afterAll(async () => {
    await chat?.close();
    await lib?.close();
  });

  const botBubbles = () => chat.botBubbles();
  const say = (text: string) => chat.say(text);

  it("a resident opens /chat, is greeted, asks 'ada buku laskar pelangi gak?', sees the book card and opens its details with a button", async () => {
    await page.goto(`${chat.url}/chat`);
    expect(await page.getAttribute("html", "lang")).toBe("id");
    // First visit: the page sends /start by itself and shows the onboarding message.
    await page.locator("#log .msg.bot:not(.typing)", { hasText: "/hapusdata" }).first().waitFor();

    await say("ada buku laskar pelangi gak?");
    const card = page.locator("#log .msg.bot", { hasText: "hasil untuk “laskar pelangi”" }).last();
    await card.waitFor();
    expect(await card.locator("strong", { hasText: "1. Laskar Pelangi" }).count()).toBe(1);
    expect(await card.textContent()).toContain("Tersedia: Cabang Oebobo");

    const bubblesBefore = await botBubbles().count();
    await card.getByRole("button", { name: /Laskar Pelangi/ }).click();
    await botBubbles().nth(bubblesBefore).waitFor();
    const details = botBubbles().last();
    expect(await details.textContent()).toContain("Ketersediaan");
    const ebook = details.getByRole("link", { name: /Baca e-book/ });
    expect(await ebook.getAttribute("href")).toBe("https://ipusnas.example/laskar-pelangi");
    expect(await ebook.getAttribute("rel")).toContain("noopener");
    await page.screenshot({ path: screenshotPath("web-chat"), fullPage: true });
    expect(fs.existsSync(screenshotPath("web-chat"))).toBe(true);
  });

  it("'Berikutnya' edits the results bubble in place, and works from the keyboard", async () => {
    await say("andrea hirata");
    const results = botBubbles().last();
    expect(await results.textContent()).toContain("(1–3)");
    const count = await botBubbles().count();
    await results.getByRole("button", { name: /Berikutnya/ }).focus();
    await page.keyboard.press("Enter");
    await results.locator(".body", { hasText: "(4–4)" }).waitFor();
    expect(await botBubbles().count()).toBe(count);
    expect(await results.getAttribute("data-edited")).toBe("true");
  });

  it("is accessible and small: labelled input, live region, real buttons, under 30 KB", async () => {
    expect(await page.locator("#log").getAttribute("aria-live")).toBe("polite");
    expect(await page.locator("#log").getAttribute("role")).toBe("log");
    expect(await page.locator("label[for=text]").textContent()).toBe("Pesan Anda");
    const tags = await page.locator("#log .buttons > *").evaluateAll((els) => [...new Set(els.map((e) => e.tagName))]);
    expect(tags).toEqual(["BUTTON"]);
    let bytes = 0;
    for (const p of ["/chat", "/chat/assets/chat.js", "/chat/assets/chat.css"]) bytes += (await (await fetch(`${chat.url}${p}`)).arrayBuffer()).byteLength;
    expect(bytes).toBeLessThan(30 * 1024);
  });

  it("what a user types is shown as text, never as HTML", async () => {
    await say("<img src=x onerror=alert(1)> *tebal* [klik](https://evil.example)");
    expect(await page.locator("#log img").count()).toBe(0);
    expect(await page.locator('#log a[href="https://evil.example"]').count()).toBe(0);
    expect(await page.locator("#log .msg.me").last().textContent()).toContain("<img src=x onerror=alert(1)>");
    expect(alerts).toEqual([]);
  });

  it("the same browser keeps its user id: after a reload it is the same patron, greeted no second time", async () => {
    const webPatrons = await lib.db.patron.count({ where: { channel: "web" } });
    await page.reload();
    await page.locator("body[data-ready=true]").waitFor();
    await say("english please");
    expect(await botBubbles().last().textContent()).toContain("I will answer in English");
    expect(await lib.db.patron.count({ where: { channel: "web" } })).toBe(webPatrons);
    expect(await botBubbles().count()).toBe(1);
  });
});
