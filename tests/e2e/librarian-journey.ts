// The library side of the librarian journeys (Telegram and WhatsApp): PostgreSQL + Meilisearch with
// the demo catalogue, the real app served over HTTP on 127.0.0.1 with one outbox and one ticket
// service (as createApp builds them for `npm start`), a librarian account made by the code behind
// `npm run staff`, and the dashboard steps a librarian takes in a real browser.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { createApp } from "../../api/app.js";
import { loadConfig, type Config } from "../../api/config.js";
import { createStaffAccounts } from "../../api/dashboard/auth/staff-accounts.js";
import { createAuditLog } from "../../api/inbox/audit-log.js";
import { createTicketService } from "../../api/inbox/ticket-service.js";
import type { TicketService } from "../../api/inbox/ticket-types.js";
import { createOutboxService, type OutboxService } from "../../api/outbox/outbox-service.js";
import { launchBrowser, screenshotPath, serveOnLocalhost } from "../support/browser.js";
import { startLibrary } from "./telegram-harness.js";

export const SERVICE_TOKEN = "e2e-journey-service-token-0123456789";

export type LibraryService = {
  library: Awaited<ReturnType<typeof startLibrary>>;
  config: Config;
  outbox: OutboxService;
  tickets: TicketService;
  app: ReturnType<typeof createApp>;
  /** http://127.0.0.1:<port> where the app (and the dashboard under /staff) is served. */
  url: string;
  /** Moves the outbox's clock forward (retry times come due without waiting for them). */
  advanceOutboxClock(ms: number): void;
  close(): Promise<void>;
};

/** Starts the library service with `env` on top of the test defaults. */
export async function startLibraryService(env: Record<string, string> = {}): Promise<LibraryService> {
  const library = await startLibrary();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-journey-"));
  const config = loadConfig({ SERVICE_TOKEN, DATA_DIR: dataDir, LOG_LEVEL: "silent", ...env });
  // The OUTBOX_* settings, with a clock the test moves and no jitter, so a retry is due exactly when the test says.
  let skewMs = 0;
  const outbox = createOutboxService({
    db: library.tdb.db,
    leaseMs: config.OUTBOX_LEASE_SECONDS * 1000,
    maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
    retry: { baseMs: config.OUTBOX_RETRY_BASE_SECONDS * 1000, maxMs: config.OUTBOX_RETRY_MAX_SECONDS * 1000 },
    now: () => new Date(Date.now() + skewMs),
    random: () => 0.5,
  });
  const tickets = createTicketService({ db: library.tdb.db, outbox, log: library.log });
  const app = createApp({ db: library.tdb.db, search: library.search, config, log: library.log, catalogue: library.catalogue, outbox, tickets });
  const server = await serveOnLocalhost(app.fetch);
  return {
    library,
    config,
    outbox,
    tickets,
    app,
    url: server.url,
    advanceOutboxClock(ms) {
      skewMs += ms;
    },
    async close() {
      await server.close();
      await library.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Librarian = { email: string; password: string };

/** A librarian account, made as `npm run staff -- add <email> --role librarian --password-stdin` makes it. */
export async function addLibrarian(svc: LibraryService, email: string, name: string): Promise<Librarian> {
  const password = "rak-referensi-lantai-2";
  const accounts = createStaffAccounts({ db: svc.library.tdb.db, audit: createAuditLog(svc.library.tdb.db) });
  await accounts.add({ email, role: "librarian", name, password }, null);
  return { email, password };
}

/** A headless chromium with one page at a desk-sized window (the screenshots show whole tables). */
export async function openBrowser(): Promise<{ page: Page; close(): Promise<void> }> {
  const browser = await launchBrowser();
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  return { page, close: () => browser.close() };
}

/** The dashboard as a librarian uses it, in the browser page. */
export function dashboardIn(page: Page, base: string) {
  return {
    /** Logs in through the login form, unless the browser is still logged in (the queue shows then). */
    async login(who: Librarian): Promise<void> {
      await page.goto(`${base}/staff/queue`);
      if (new URL(page.url()).pathname !== "/staff/login") return;
      await page.getByLabel("Email").fill(who.email);
      await page.getByLabel("Kata sandi", { exact: true }).fill(who.password);
      await page.getByRole("button", { name: "Masuk" }).click();
      await page.waitForURL(/\/staff\/queue/);
    },

    /** The queue row of a ticket (waits until it shows); `screenshot` names the saved picture of the queue. */
    async findInQueue(ticketId: number, question: string, screenshot?: string): Promise<string> {
      await page.goto(`${base}/staff/queue`);
      const row = page.locator("tbody tr", { hasText: question });
      await row.waitFor();
      if (screenshot) await page.screenshot({ path: screenshotPath(screenshot), fullPage: true });
      const text = (await row.textContent()) ?? "";
      if (!text.includes(`#${ticketId}`)) throw new Error(`queue row for "${question}" does not show #${ticketId}: ${text}`);
      return text;
    },

    /** Opens the ticket from the queue, claims it, types the answer and sends it; `screenshot` names the picture of the answered ticket. */
    async claimAndAnswer(ticketId: number, question: string, answer: string, screenshot?: string): Promise<void> {
      await page.goto(`${base}/staff/queue`);
      await page.locator("tbody tr", { hasText: question }).getByRole("link", { name: `#${ticketId}` }).click();
      await page.getByRole("heading", { name: `Tiket #${ticketId}` }).waitFor();
      await page.getByRole("button", { name: "Ambil tiket ini" }).click();
      await page.getByText("Tiket sudah Anda ambil.").waitFor();
      await page.getByLabel("Jawaban untuk pemustaka").fill(answer);
      await page.getByRole("button", { name: "Kirim jawaban" }).click();
      await page.getByText("Jawaban sudah dikirim ke antrean pengiriman.").waitFor();
      if (screenshot) await page.screenshot({ path: screenshotPath(screenshot), fullPage: true });
    },

    /** The reports page: the average rating line and the count per star (1..5). */
    async ratings(): Promise<{ average: string; perStar: number[] }> {
      await page.goto(`${base}/staff/reports`);
      const average = page.locator("dt", { hasText: "Rata-rata penilaian" }).locator("xpath=following-sibling::dd[1]");
      const rows = page.locator("section[aria-labelledby='r-ratings'] tbody tr");
      await rows.first().waitFor();
      const perStar: number[] = [];
      for (const row of await rows.all()) perStar.push(Number(await row.locator("td").nth(1).textContent()));
      return { average: ((await average.textContent()) ?? "").trim(), perStar };
    },
  };
}
