import type { Db } from "../db/prisma.js";
import { systemClock, type Clock } from "../dialog/clock.js";
import type { IntentRegistry } from "../dialog/intent-registry.js";
import type { Intent } from "../dialog/intent.js";
import type { Reply } from "../dialog/reply.js";
import type { Turn } from "../dialog/turn.js";
import type { Logger } from "../logger.js";
import { createCertificateStore, type CertificateStore } from "./certificate-store.js";
import { LESSON_INTENTS, registerLessonHandlers } from "./dialog-handlers.js";
import { createLearnerStore } from "./learner-store.js";
import type { LessonCatalog } from "./lesson-catalog.js";
import { getFocus, setFocus } from "./lesson-focus.js";
import { resumeButton } from "./lesson-replies.js";
import { createLessonService, type LessonService } from "./lesson-service.js";
import { createProgressStore } from "./progress-store.js";

export type LessonFeatureDeps = {
  db: Db;
  catalog: LessonCatalog;
  log: Logger;
  clock?: Clock;
  /** PUBLIC_URL, for the verification link printed on certificates. */
  publicUrl?: string;
  /** Certificates are dated in the library's time zone (default Asia/Makassar, as Branch's default). */
  timeZone?: string;
};

/** The lessons feature for the dialog engine (replaces its "coming soon" lessons entry). */
export type LessonFeature = {
  replaces: string[];
  describe(turn: Turn): string;
  register(registry: IntentRegistry): void;
  afterTurn(turn: Turn, intent: Intent, replies: Reply[]): Promise<Reply[]>;
  service: LessonService;
  catalog: LessonCatalog;
  certificates: CertificateStore;
  /** The time zone certificates are dated in. */
  timeZone: string;
};

/** Builds the lessons feature: service, handlers, and the resume button after an interruption. */
export function createLessonFeature(deps: LessonFeatureDeps): LessonFeature {
  const certificates = createCertificateStore(deps.db);
  const timeZone = deps.timeZone ?? "Asia/Makassar";
  const service = createLessonService({
    catalog: deps.catalog,
    progress: createProgressStore(deps.db),
    learners: createLearnerStore(deps.db),
    certificates,
    clock: deps.clock ?? systemClock,
  });
  // /dataku lists what the engine stores; lessons add their own lines before the closing notes.
  async function withLessonData(turn: Turn, replies: Reply[]): Promise<Reply[]> {
    const [overview, prefs, certs] = await Promise.all([
      service.overview(turn.patron.id, turn.locale),
      service.learners.get(turn.patron.id),
      certificates.byPatron(turn.patron.id),
    ]);
    const done = overview.filter((o) => o.completedEver).length;
    const open = overview.filter((o) => o.status === "active").length;
    if (done + open === 0 && certs.length === 0 && !prefs.remindersOptIn) return replies;
    const lines = [
      turn.t("lesson.privacy_lessons", { done, open, reminders: turn.t(prefs.remindersOptIn ? "lesson.privacy_reminders_on" : "lesson.privacy_reminders_off") }),
      ...(certs.length ? [turn.t("lesson.privacy_certificates", { count: certs.length, name: prefs.certificateName ?? certs[0]!.learnerName })] : []),
    ];
    const marker = turn.t("privacy.not_stored");
    return replies.map((r) => {
      const at = r.text.indexOf(marker);
      return at < 0 ? r : { ...r, text: `${r.text.slice(0, at)}${lines.join("\n")}\n${r.text.slice(at)}` };
    });
  }

  return {
    replaces: ["lessons"],
    service,
    catalog: deps.catalog,
    certificates,
    timeZone,
    describe: (turn) => turn.t("lesson.can_do"),
    register(registry) {
      registerLessonHandlers(registry, { service, log: deps.log, publicUrl: deps.publicUrl, timeZone });
    },
    // Anything else asked in the middle of a lesson is answered by its own handler; the lesson waits,
    // and the answer gets a button back to the step the learner left.
    async afterTurn(turn, intent, replies) {
      if (intent.name === "mydata") replies = await withLessonData(turn, replies);
      const focus = getFocus(turn.state);
      if (!focus || LESSON_INTENTS.has(intent.name)) return replies;
      if (focus.awaitingName) {
        // They moved on; the certificate can still be asked for from the lesson list.
        setFocus(turn.state, null);
        return replies;
      }
      const open = await service.current(turn.patron.id, focus.run, turn.locale).catch(() => null);
      if (!open) {
        setFocus(turn.state, null);
        return replies;
      }
      setFocus(turn.state, { ...focus, interrupted: true });
      const button = resumeButton(turn.t, open.lesson, open.run.data.stepIndex);
      if (replies.length === 0) return replies;
      // Numbered choices (WhatsApp) refer to the last reply with buttons, so the button joins that one.
      let target = -1;
      replies.forEach((r, i) => {
        if (r.buttons?.length) target = i;
      });
      if (target < 0) target = replies.length - 1;
      return replies.map((r, i) => (i === target ? { ...r, buttons: [...(r.buttons ?? []), button] } : r));
    },
  };
}
