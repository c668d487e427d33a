// A librarian's first day in a real browser against the real started service (`npm start`'s
// api/main.ts) on http://127.0.0.1: the first start prints the admin's one-time password, the
// Secure session cookie works over plain http on 127.0.0.1, the password is replaced, a ticket
// from a Telegram patron shows up in the queue, is claimed and answered, and the answer is queued
// in the outbox for the patron's chat.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seedBranches } from "../../api/catalogue/branches.js";
import { loadConfig } from "../../api/config.js";
import { createDb, type Db } from "../../api/db/prisma.js";
import { createTicketService } from "../../api/inbox/ticket-service.js";
import { createLogger } from "../../api/logger.js";
import { createOutboxServiceFromConfig } from "../../api/outbox/outbox-service.js";
import { browserSkipReason, launchBrowser, screenshotPath } from "../support/browser.js";
import { processesMentioning, startService, waitFor, type ServiceProcess } from "../support/service-process.js";
import { createEmptyDatabase } from "../support/test-database.js";

const skipReason = browserSkipReason();
if (skipReason) console.warn(skipReason);

describe.skipIf(skipReason !== null)("the librarian dashboard in a real browser", () => {
  let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
  let dataDir: string;
  let svc: ServiceProcess;
  let base: string;
  let db: Db;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let ticketId: number;
  let oneTimePassword: string;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-dash-"));
    svc = startService({
      DATABASE_URL: database.url,
      MEILI_URL: inject("meiliUrl"),
      MEILI_API_KEY: inject("meiliKey"),
      MEILI_INDEX_PREFIX: `d${crypto.randomBytes(3).toString("hex")}_`,
      DATA_DIR: dataDir,
      PORT: "0",
      HOST: "127.0.0.1",
      SEED_DEMO: "false",
      SERVICE_TOKEN: "dashboard-e2e-service-token",
      STAFF_ADMIN_EMAIL: "kepala@perpus.example",
      LOG_LEVEL: "info",
    });
    base = `http://127.0.0.1:${await svc.port()}`;
    oneTimePassword = await waitFor(() => /with the one-time password\s+(\S+)/.exec(svc.output())?.[1], 30_000, () => `no one-time password printed:\n${svc.output()}`);

    // A Telegram patron asked for a librarian (the ticket service the chat uses, on the same database).
    db = createDb(database.url, { max: 2 });
    await seedBranches(db);
    const patron = await db.patron.create({ data: { channel: "telegram", channelUserId: "70001", displayName: "Maria" } });
    const tickets = createTicketService({ db, outbox: createOutboxServiceFromConfig(db, loadConfig({})), log: createLogger({ level: "silent" }) });
    ({ ticket: { id: ticketId } } = await tickets.open({ patronId: patron.id, channel: "telegram", recipient: "70001", locale: "id", question: "Apakah perpustakaan punya koran Pos Kupang edisi 1998?", reason: "asked", branchCode: "PUSAT" }));
    await db.cannedAnswer.create({ data: { title: "Arsip koran", body: "Arsip koran lama bisa dibaca di ruang referensi lantai 2, Senin–Jumat 08.00–15.00." } });

    browser = await launchBrowser();
    page = await browser.context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    svc?.child.kill("SIGTERM");
    await svc?.exited;
    for (const pid of processesMentioning(dataDir)) process.kill(pid, "SIGKILL");
    await db?.$disconnect();
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("the first start printed a one-time admin password on the terminal, but not into the log lines", () => {
    expect(oneTimePassword).toMatch(/^[A-Za-z0-9]{16}$/);
    const logLines = svc.output().split("\n").filter((l) => l.startsWith("{"));
    expect(logLines.some((l) => l.includes("first admin account created"))).toBe(true);
    expect(logLines.some((l) => l.includes(oneTimePassword))).toBe(false);
  });

  it("the admin logs in over http://127.0.0.1 (Secure cookie accepted) and must choose a new password first", async () => {
    await page.goto(`${base}/staff/queue`);
    expect(new URL(page.url()).pathname).toBe("/staff/login");
    await page.getByLabel("Email").fill("kepala@perpus.example");
    await page.getByLabel("Kata sandi", { exact: true }).fill(oneTimePassword);
    await page.getByRole("button", { name: "Masuk" }).click();
    await page.waitForURL(/\/staff\/password$/);
    // Playwright hides Secure cookies when asked for an http:// URL; the browser sent it anyway (we got here).
    const cookie = (await browser.context.cookies()).find((c) => c.name === "tp_staff");
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/staff" });

    await page.getByLabel("Kata sandi sekarang").fill(oneTimePassword);
    await page.getByLabel(/^Kata sandi baru/).fill("perpustakaan-kupang-2026");
    await page.getByLabel("Ulangi kata sandi baru").fill("perpustakaan-kupang-2026");
    await page.getByRole("button", { name: "Simpan kata sandi" }).click();
    await page.getByText("Kata sandi sudah diganti.").waitFor();
  });

  it("the ticket is in the queue; the librarian claims it, picks a canned answer without JavaScript, edits it and sends it", async () => {
    await page.getByRole("link", { name: "Antrean" }).click();
    const row = page.locator("tbody tr", { hasText: "Pos Kupang" });
    await row.waitFor();
    expect(await row.textContent()).toContain(`#${ticketId}`);
    await page.screenshot({ path: screenshotPath("dashboard-queue"), fullPage: true });

    await row.getByRole("link", { name: `#${ticketId}` }).click();
    await page.getByRole("heading", { name: `Tiket #${ticketId}` }).waitFor();
    await page.getByRole("button", { name: "Ambil tiket ini" }).click();
    await page.getByText("Tiket sudah Anda ambil.").waitFor();

    await page.getByLabel("Jawaban siap pakai").selectOption({ label: "Arsip koran (id)" });
    await page.getByRole("button", { name: "Pakai" }).click();
    const box = page.getByLabel("Jawaban untuk pemustaka");
    expect(await box.inputValue()).toContain("ruang referensi lantai 2");
    await box.fill(`Halo Maria, ada. ${await box.inputValue()}`);
    await page.screenshot({ path: screenshotPath("dashboard-ticket"), fullPage: true });
    await page.getByRole("button", { name: "Kirim jawaban" }).click();
    await page.getByText("Jawaban sudah dikirim ke antrean pengiriman.").waitFor();
    expect(await page.locator(".msg-answer").textContent()).toContain("Halo Maria, ada.");

    const sent = await db.outbox.findMany({ where: { recipient: "70001", channel: "telegram" } });
    expect(JSON.stringify(sent.map((o) => o.payload))).toContain("Halo Maria, ada.");
    expect((await db.ticket.findUniqueOrThrow({ where: { id: ticketId } })).status).toBe("answered");
    expect(fs.existsSync(screenshotPath("dashboard-queue"))).toBe(true);
    expect(fs.existsSync(screenshotPath("dashboard-ticket"))).toBe(true);
  });

  it("logging out ends the session in the browser", async () => {
    await page.getByRole("button", { name: "Keluar" }).click();
    await page.getByText("Anda sudah keluar.").waitFor();
    await page.goto(`${base}/staff/queue`);
    expect(new URL(page.url()).pathname).toBe("/staff/login");
  });
});
