// The web chat in a real browser: the app served on localhost, one headless chromium page, and the
// two things every web chat test does with it (read the bot's bubbles, type a message).
import type { Locator, Page } from "playwright-core";
import { launchBrowser, serveOnLocalhost } from "./browser.js";

export type WebChatPage = {
  /** Where the app is served (http://127.0.0.1:port). */
  url: string;
  page: Page;
  /** The bot's message bubbles, without the typing indicator. */
  botBubbles(): Locator;
  /** Types `text` into the chat box, sends it with Enter and waits for the next bot bubble. */
  say(text: string): Promise<void>;
  close(): Promise<void>;
};

/** Serves `fetchHandler` and opens one page in a fresh headless chromium. */
export async function openWebChat(fetchHandler: (req: Request) => Response | Promise<Response>): Promise<WebChatPage> {
  const server = await serveOnLocalhost(fetchHandler);
  const browser = await launchBrowser().catch(async (err: unknown) => {
    await server.close();
    throw err;
  });
  const page = await browser.context.newPage();
  const botBubbles = () => page.locator("#log .msg.bot:not(.typing)");
  return {
    url: server.url,
    page,
    botBubbles,
    async say(text) {
      const before = await botBubbles().count();
      await page.getByLabel("Pesan Anda").fill(text);
      await page.keyboard.press("Enter");
      await botBubbles().nth(before).waitFor();
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
