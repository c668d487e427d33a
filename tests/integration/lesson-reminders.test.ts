import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import type { App } from "../../api/app-env.js";
import { createDialogEngine } from "../../api/dialog/engine.js";
import type { Reply } from "../../api/dialog/reply.js";
import { createI18n } from "../../api/i18n/messages.js";
import { loadLessonCatalog } from "../../api/lessons/lesson-catalog.js";
import { createLessonFeature } from "../../api/lessons/lesson-feature.js";
import { createLessonReminderJob, type ReminderJob } from "../../api/lessons/lesson-reminders.js";
import { createOutboxServiceFromConfig } from "../../api/outbox/outbox-service.js";
import { createDialogLibrary, testClock, type DialogLibrary } from "../support/dialog-library.js";
import { chatUser, lastButtons, options, SERVICE_TOKEN, type ChatUser } from "../support/lesson-chat.js";

const HOUR = 3_600_000;
let lib: DialogLibrary;
let app: App;
let job: ReminderJob;
const catalog = loadLessonCatalog();
const hoaks = catalog.get("hoaks", "id")!;
// Every part reads this clock: the engine (when the user last wrote), the lessons (last step), the job.
const clock = testClock("2026-11-22T02:00:00Z");

beforeAll(async () => {
  lib = await createDialogLibrary();
  const config = lib.config({ SERVICE_TOKEN, RATE_LIMIT_MESSAGES: "10000" });
  const lessons = createLessonFeature({ db: lib.db, catalog, log: lib.log, clock });
  const dialog = createDialogEngine({ db: lib.db, catalogue: lib.catalogue, config, log: lib.log, clock, features: [lessons] });
  app = createApp({ db: lib.db, search: lib.search, config, log: lib.log, catalogue: lib.catalogue, dialog, lessons });
  job = createLessonReminderJob({ db: lib.db, catalog, outbox: createOutboxServiceFromConfig(lib.db, config), i18n: createI18n(), clock, log: lib.log });
});
afterAll(async () => {
  await lib?.close();
});

/** The outbox items queued for one user. */
async function queuedFor(user: ChatUser): Promise<Reply[][]> {
  const rows = await lib.db.outbox.findMany({ where: { channel: user.channel, recipient: user.userId }, orderBy: { id: "asc" } });
  return rows.map((r) => (r.payload as { replies: Reply[] }).replies);
}

/** Opts in from the lesson list, starts "Mengenali hoaks" and gets to step 2. */
async function optInAndStartHoaks(user: ChatUser): Promise<void> {
  await user.say("pelajaran");
  const on = await user.choose("🔔 Ingatkan saya");
  expect(on[0]!.text).toContain("saya kirim satu pengingat");
  await user.say("pelajaran");
  await user.choose(/^Mengenali hoaks/);
  await user.choose(options(hoaks, 0).right);
  const next = await user.choose("Lanjut ▶");
  expect(next[0]!.text).toContain("*Langkah 2/7*");
}

describe("a learner who opted in gets one nudge when a lesson stalls", () => {
  it("nothing before a day has passed, one reminder after, never a second one for the same lesson (not even after a restart)", async () => {
    const ani = chatUser(app, "telegram", "Ani");
    await optInAndStartHoaks(ani);

    clock.advance(23 * HOUR);
    await job.runOnce();
    expect(await queuedFor(ani)).toEqual([]);

    clock.advance(2 * HOUR);
    await job.runOnce();
    const [reminder, ...more] = await queuedFor(ani);
    expect(more).toEqual([]);
    expect(reminder![0]!.text).toBe("👋 Halo! Pelajaran *Mengenali hoaks dan cek fakta* masih menunggu di Langkah 2/7. Lanjut sebentar?");
    expect(reminder![0]!.buttons!.map((b) => b.label)).toEqual(["▶ Lanjutkan pelajaran (2/7)", "🔕 Jangan ingatkan lagi"]);

    await job.runOnce();
    clock.advance(72 * HOUR);
    await job.runOnce();
    expect(await queuedFor(ani)).toHaveLength(1);

    // The reminder's button works like any other.
    const replies = await ani.press(reminder![0]!.buttons![0]!.payload);
    expect(replies[0]!.text).toContain("Melanjutkan *Mengenali hoaks dan cek fakta* dari Langkah 2/7");

    // Starting over and stalling again: still no second nudge for this lesson.
    await ani.say("ulangi dari awal");
    clock.advance(48 * HOUR);
    await job.runOnce();
    expect(await queuedFor(ani)).toHaveLength(1);
  });

  it("after opting out, a stalled lesson gets no reminder", async () => {
    const budi = chatUser(app, "telegram", "Budi");
    await optInAndStartHoaks(budi);
    const off = await budi.say("/pengingat");
    expect(off[0]!.text).toContain("Pengingat pelajaran dimatikan");
    clock.advance(30 * HOUR);
    await job.runOnce();
    expect(await queuedFor(budi)).toEqual([]);
  });

  it("a learner who never opted in is never nudged", async () => {
    const dedi = chatUser(app, "telegram", "Dedi");
    await dedi.say("/belajar");
    await dedi.choose(/^Mengenali hoaks/);
    clock.advance(30 * HOUR);
    await job.runOnce();
    expect(await queuedFor(dedi)).toEqual([]);
  });

  it("on WhatsApp, not outside the 24-hour window; once the user writes again, the nudge may go, and '1' answers it", async () => {
    const citra = chatUser(app, "whatsapp", "Citra");
    await optInAndStartHoaks(citra);

    clock.advance(25 * HOUR);
    const outside = await job.runOnce();
    expect(outside.outsideWindow).toBeGreaterThanOrEqual(1);
    expect(await queuedFor(citra)).toEqual([]);

    // She comes back with a catalogue question; the lesson itself is still idle for over a day.
    const search = await citra.say("ada buku edensor?");
    expect(lastButtons(search).at(-1)!.label).toBe("▶ Lanjutkan pelajaran (2/7)");
    await job.runOnce();
    const queued = await queuedFor(citra);
    expect(queued).toHaveLength(1);
    expect(queued[0]![0]!.text).toContain("Langkah 2/7");

    // WhatsApp shows the reminder's buttons as numbers; "1" is its first button.
    const r = await citra.say("1");
    expect(r[0]!.text).toContain("Melanjutkan *Mengenali hoaks dan cek fakta* dari Langkah 2/7");
  });
});
