// One nudge per lesson for learners who opted in and left a lesson unfinished for a day. It goes
// through the outbox like every later message, and never to WhatsApp when the user's last message
// is older than WhatsApp's 24-hour customer-service window (a business may not start a chat).
import type { Config } from "../config.js";
import type { Db, Prisma } from "../db/prisma.js";
import { systemClock, type Clock } from "../dialog/clock.js";
import { parseState } from "../dialog/dialog-state.js";
import type { Button, Channel, Reply } from "../dialog/reply.js";
import { createI18n, type I18n } from "../i18n/messages.js";
import { toLocale, DEFAULT_LOCALE, type Locale } from "../i18n/locale.js";
import type { Logger } from "../logger.js";
import { createOutboxServiceFromConfig } from "../outbox/outbox-service.js";
import type { LessonCatalog } from "./lesson-catalog.js";
import { P, resumeButton } from "./lesson-replies.js";

/** What the job needs from the outbox (createOutboxService satisfies it). */
export type ReminderOutbox = {
  enqueue(input: { channel: Channel; recipient: string; payload: { replies: Reply[]; locale?: Locale }; dedupeKey?: string }): Promise<unknown>;
};

export type ReminderJobDeps = {
  db: Db;
  catalog: LessonCatalog;
  outbox: ReminderOutbox;
  i18n: I18n;
  clock: Clock;
  log: Logger;
  /** Idle time before the nudge (24 h). */
  idleHours?: number;
  /** WhatsApp's customer-service window (24 h). */
  whatsappWindowHours?: number;
  batchSize?: number;
};

export type ReminderRun = { sent: number; outsideWindow: number };

export type ReminderJob = {
  /** One pass: finds idle runs, enqueues at most one nudge per patron and lesson. */
  runOnce(): Promise<ReminderRun>;
  /** Runs every `intervalMs` until stop(); passes never overlap. */
  start(intervalMs: number): { stop(): Promise<void> };
};

const HOUR = 3_600_000;

/** The reminder job; the clock is injected so tests can move time instead of waiting. */
export function createLessonReminderJob(deps: ReminderJobDeps): ReminderJob {
  const idleMs = (deps.idleHours ?? 24) * HOUR;
  const windowMs = (deps.whatsappWindowHours ?? 24) * HOUR;
  const batch = deps.batchSize ?? 200;

  // WhatsApp users answer a numbered list by number; the engine reads "1" against the buttons it
  // remembers, so the nudge's buttons become the remembered ones.
  async function rememberButtons(patronId: number, buttons: Button[]): Promise<void> {
    const row = await deps.db.conversationState.findUnique({ where: { patronId } });
    const state = parseState(row?.data);
    state.lastButtons = buttons;
    const data = state as unknown as Prisma.InputJsonValue;
    await deps.db.conversationState.upsert({ where: { patronId }, create: { patronId, data }, update: { data } });
  }

  async function runOnce(): Promise<ReminderRun> {
    const now = deps.clock.now();
    const candidates = await deps.db.lessonProgress.findMany({
      where: {
        status: "active",
        reminderSentAt: null,
        lastActivityAt: { lte: new Date(now.getTime() - idleMs) },
        // Only channels whose workers deliver later messages; the web chat has none.
        patron: { lessonLearner: { remindersOptIn: true }, channel: { in: ["telegram", "whatsapp"] } },
      },
      include: { patron: { select: { id: true, channel: true, channelUserId: true, locale: true, lastSeenAt: true } } },
      orderBy: { lastActivityAt: "asc" },
      take: batch,
    });
    if (candidates.length === 0) return { sent: 0, outsideWindow: 0 };
    const reminded = await deps.db.lessonProgress.findMany({
      where: { patronId: { in: [...new Set(candidates.map((c) => c.patronId))] }, reminderSentAt: { not: null } },
      select: { patronId: true, lessonId: true },
    });
    const done = new Set(reminded.map((r) => `${r.patronId}:${r.lessonId}`));
    let sent = 0;
    let outsideWindow = 0;
    for (const run of candidates) {
      const key = `${run.patronId}:${run.lessonId}`;
      if (done.has(key)) continue;
      const locale = toLocale(run.patron.locale) ?? DEFAULT_LOCALE;
      const lesson = deps.catalog.get(run.lessonId, locale);
      if (!lesson) continue;
      if (run.patron.channel === "whatsapp" && now.getTime() - run.patron.lastSeenAt.getTime() >= windowMs) {
        // Not marked: if the user writes again while the lesson still waits, the next pass may nudge.
        outsideWindow++;
        continue;
      }
      const claimed = await deps.db.lessonProgress.updateMany({ where: { id: run.id, reminderSentAt: null }, data: { reminderSentAt: now } });
      if (claimed.count !== 1) continue;
      done.add(key);
      const t = deps.i18n.forLocale(locale);
      const buttons = [resumeButton(t, lesson, run.stepIndex), { label: t("lesson.button.reminders_stop"), payload: P.reminders(false) }];
      const reply: Reply = { text: t("lesson.reminder", { title: lesson.title, step: run.stepIndex + 1, total: lesson.steps.length }), buttons };
      try {
        // The dedupe key makes "one per lesson" hold even if two passes race or the run restarts.
        await deps.outbox.enqueue({
          channel: run.patron.channel as Channel,
          recipient: run.patron.channelUserId,
          payload: { replies: [reply], locale },
          dedupeKey: `lesson-reminder:${run.patronId}:${run.lessonId}`,
        });
        await rememberButtons(run.patronId, buttons);
        sent++;
      } catch (err) {
        deps.log.error({ err, run: run.id }, "lesson reminder could not be queued; will retry");
        await deps.db.lessonProgress.update({ where: { id: run.id }, data: { reminderSentAt: null } });
      }
    }
    if (sent || outsideWindow) deps.log.info({ sent, outsideWindow }, "lesson reminders");
    return { sent, outsideWindow };
  }

  return {
    runOnce,
    start(intervalMs) {
      let running: Promise<unknown> = Promise.resolve();
      let busy = false;
      const timer = setInterval(() => {
        if (busy) return;
        busy = true;
        running = runOnce()
          .catch((err) => deps.log.error({ err }, "lesson reminder pass failed"))
          .finally(() => {
            busy = false;
          });
      }, intervalMs);
      timer.unref();
      return {
        async stop() {
          clearInterval(timer);
          await running;
        },
      };
    },
  };
}

type ReminderConfig = Pick<
  Config,
  "LESSON_REMINDER_IDLE_HOURS" | "LESSON_REMINDER_INTERVAL_MINUTES" | "WHATSAPP_SESSION_WINDOW_HOURS" | "OUTBOX_LEASE_SECONDS" | "OUTBOX_MAX_ATTEMPTS" | "OUTBOX_RETRY_BASE_SECONDS" | "OUTBOX_RETRY_MAX_SECONDS"
>;

/** `npm start`: the reminder job over the real outbox and clock, every LESSON_REMINDER_INTERVAL_MINUTES. */
export function startLessonReminders(deps: { db: Db; config: ReminderConfig; log: Logger; catalog: LessonCatalog }): { stop(): Promise<void> } {
  const { config } = deps;
  return createLessonReminderJob({
    db: deps.db,
    catalog: deps.catalog,
    outbox: createOutboxServiceFromConfig(deps.db, config),
    i18n: createI18n(),
    clock: systemClock,
    log: deps.log,
    idleHours: config.LESSON_REMINDER_IDLE_HOURS,
    whatsappWindowHours: config.WHATSAPP_SESSION_WINDOW_HOURS,
  }).start(config.LESSON_REMINDER_INTERVAL_MINUTES * 60_000);
}
