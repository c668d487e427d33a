import type { IntentRegistry } from "../dialog/intent-registry.js";
import type { Intent } from "../dialog/intent.js";
import type { Reply } from "../dialog/reply.js";
import type { Turn } from "../dialog/turn.js";
import type { Logger } from "../logger.js";
import { displayCode } from "./certificate-code.js";
import { certificateDocument, verificationUrl } from "./certificate-document.js";
import type { CertificateRecord } from "./certificate-store.js";
import { cleanLearnerName } from "./learner-name.js";
import { LessonNotFoundError, StaleLessonActionError } from "./lesson-errors.js";
import { getFocus, setFocus } from "./lesson-focus.js";
import { askNameReply, feedbackReply, introReply, listReply, P, pausedReply, resumeButton, stepReply } from "./lesson-replies.js";
import { lessonTextRules } from "./lesson-rules.js";
import { phaseOf } from "./lesson-run.js";
import type { Lesson } from "./lesson-schema.js";
import type { LessonService } from "./lesson-service.js";
import type { LessonRunRecord } from "./progress-store.js";

export type LessonHandlerOptions = { service: LessonService; log: Logger; publicUrl?: string; timeZone: string };

/** Every intent this feature answers; anything else in the middle of a lesson is an interruption. */
export const LESSON_INTENTS = new Set(["lessons", "lesson", "lrestart", "lans", "lnext", "lpause", "lcontinue", "ltext", "lremind", "lname", "lnameuse", "lname-typed", "lcertskip", "lcert"]);

// The web chat has no worker that delivers later messages, so it is never offered reminders.
const REMINDER_CHANNELS = new Set(["telegram", "whatsapp"]);

const int = (s: string | undefined): number | null => (s !== undefined && /^\d{1,9}$/.test(s) ? Number(s) : null);

/** Shows where a run stands and points the focus at it (so free text answers a text question). */
function focusAndShow(turn: Turn, lesson: Lesson, run: LessonRunRecord): Reply {
  const i = run.data.stepIndex;
  const phase = phaseOf(lesson, run.data);
  const q = lesson.steps[i]?.question;
  const textOpen = q?.type === "text" && (phase === "question" || phase === "retry");
  setFocus(turn.state, { run: run.id, lesson: lesson.id, ...(textOpen ? { textStep: i } : {}) });
  if (phase === "read" && q) {
    // Answered before the learner left: show the step with "next", not the question again.
    return stepReply(turn.t, { ...lesson, steps: lesson.steps.map((s, k) => (k === i ? { id: s.id, text: s.text } : s)) }, run.id, i);
  }
  if (phase === "retry" && q?.type === "choice") {
    const tried = Number(run.data.answers[lesson.steps[i]!.id]?.tries[0]?.answer);
    const reply = stepReply(turn.t, lesson, run.id, i);
    return { ...reply, buttons: reply.buttons?.filter((b) => b.payload !== P.answer(run.id, i, tried)) };
  }
  return stepReply(turn.t, lesson, run.id, i);
}

/** Registers the lesson intents, commands and text rules in the engine's registry. */
export function registerLessonHandlers(registry: IntentRegistry, opts: LessonHandlerOptions): void {
  const { service } = opts;

  const listButton = (turn: Turn) => ({ label: turn.t("lesson.button.list"), payload: P.list() });

  // An old button or a lesson that went away: say so, and show where the learner really is.
  async function recover(turn: Turn, err: unknown): Promise<Reply[]> {
    if (!(err instanceof StaleLessonActionError) && !(err instanceof LessonNotFoundError)) throw err;
    opts.log.debug({ err: err.message }, "lesson action ignored");
    const focus = getFocus(turn.state);
    if (focus && !focus.awaitingName) {
      try {
        const { run, lesson } = await service.current(turn.patron.id, focus.run, turn.locale);
        return [{ text: turn.t("lesson.stale") }, focusAndShow(turn, lesson, run)];
      } catch {
        setFocus(turn.state, null);
      }
    }
    const text = err instanceof LessonNotFoundError ? turn.t("lesson.not_found") : turn.t("lesson.stale");
    return [{ text, buttons: [listButton(turn)] }];
  }

  const handle = (name: string, fn: (turn: Turn, intent: Intent) => Promise<Reply[]>) =>
    registry.handle(name, async (turn, intent) => {
      try {
        return await fn(turn, intent);
      } catch (err) {
        return recover(turn, err);
      }
    });

  async function sendCertificate(turn: Turn, cert: CertificateRecord): Promise<Reply[]> {
    const document = await certificateDocument(cert, { t: turn.t, locale: turn.locale, publicUrl: opts.publicUrl, timeZone: opts.timeZone });
    setFocus(turn.state, null);
    return [
      {
        text: turn.t("lesson.certificate_caption", { title: cert.lessonTitle, name: cert.learnerName, code: displayCode(cert.code), url: verificationUrl(opts.publicUrl, cert.code) }),
        document,
      },
      { text: turn.t("lesson.certificate_after"), buttons: [{ label: turn.t("lesson.button.rename"), payload: P.askName(cert.progressId) }, listButton(turn)] },
    ];
  }

  async function certify(turn: Turn, runId: number, name: string): Promise<Reply[]> {
    const { certificate } = await service.certify(turn.patron.id, runId, name, turn.locale);
    return sendCertificate(turn, certificate);
  }

  // After the last step: the score, then the certificate (or the question for the name on it).
  async function finish(turn: Turn, lesson: Lesson, run: LessonRunRecord): Promise<Reply[]> {
    const done: Reply = { text: turn.t("lesson.completed", { title: lesson.title, score: run.score ?? 0, max: run.maxScore ?? 0 }) };
    const prefs = await service.learners.get(turn.patron.id);
    if (prefs.certificateName) return [done, ...(await certify(turn, run.id, prefs.certificateName))];
    setFocus(turn.state, { run: run.id, lesson: lesson.id, awaitingName: true });
    return [done, askNameReply(turn.t, run.id, turn.patron.displayName && cleanLearnerName(turn.patron.displayName))];
  }

  async function advanceFrom(turn: Turn, runId: number, stepIndex: number): Promise<Reply[]> {
    const { run, lesson, completed } = await service.next(turn.patron.id, runId, stepIndex, turn.locale);
    if (completed) return finish(turn, lesson, run);
    return [focusAndShow(turn, lesson, run)];
  }

  async function askName(turn: Turn, runId: number): Promise<Reply[]> {
    const { lesson } = await service.completedRun(turn.patron.id, runId, turn.locale);
    setFocus(turn.state, { run: runId, lesson: lesson.id, awaitingName: true });
    return [askNameReply(turn.t, runId, turn.patron.displayName && cleanLearnerName(turn.patron.displayName))];
  }

  handle("lessons", async (turn) => {
    const [items, prefs] = await Promise.all([service.overview(turn.patron.id, turn.locale), service.learners.get(turn.patron.id)]);
    const focus = getFocus(turn.state);
    // Looking at the list is leaving the current step for a moment, like any other question.
    if (focus) setFocus(turn.state, focus.awaitingName ? null : { ...focus, interrupted: true });
    return [listReply(turn.t, items, REMINDER_CHANNELS.has(turn.msg.channel) ? prefs.remindersOptIn : null)];
  });

  handle("lesson", async (turn, intent) => {
    const opened = await service.open(turn.patron.id, intent.arg ?? "", turn.locale);
    const { lesson, run } = opened;
    if (opened.kind === "completed") {
      setFocus(turn.state, null);
      return [
        {
          text: turn.t("lesson.completed_before", { title: lesson.title, score: run.score ?? 0, max: run.maxScore ?? 0 }),
          buttons: [
            { label: turn.t("lesson.button.restart"), payload: P.restart(lesson.id) },
            { label: turn.t("lesson.button.certificate"), payload: P.certificate(run.id) },
            listButton(turn),
          ],
        },
      ];
    }
    if (opened.kind === "started") return [introReply(turn.t, lesson), focusAndShow(turn, lesson, run)];
    const step = { step: run.data.stepIndex + 1, total: lesson.steps.length };
    const shown = focusAndShow(turn, lesson, run);
    return [{ ...shown, text: `${turn.t("lesson.resumed", { title: lesson.title, ...step })}\n\n${shown.text}` }];
  });

  handle("lrestart", async (turn, intent) => {
    const { lesson, run } = await service.restart(turn.patron.id, intent.arg ?? "", turn.locale);
    return [{ text: turn.t("lesson.restarted", { title: lesson.title }) }, focusAndShow(turn, lesson, run)];
  });

  handle("lans", async (turn, intent) => {
    const [runId, stepIndex, option] = (intent.arg ?? "").split(".").map(int);
    if (runId == null || stepIndex == null || option == null) throw new StaleLessonActionError(`bad answer payload ${intent.arg}`);
    const { lesson, run, outcome } = await service.answer(turn.patron.id, runId, stepIndex, { option }, turn.locale);
    setFocus(turn.state, { run: run.id, lesson: lesson.id });
    return [feedbackReply(turn.t, lesson, run.id, stepIndex, outcome)];
  });

  handle("ltext", async (turn, intent) => {
    const focus = getFocus(turn.state);
    if (!focus || focus.textStep === undefined) throw new StaleLessonActionError("no text question open");
    const { lesson, run, outcome } = await service.answer(turn.patron.id, focus.run, focus.textStep, { text: intent.arg ?? "" }, turn.locale);
    setFocus(turn.state, { run: run.id, lesson: lesson.id, ...(outcome.canRetry ? { textStep: focus.textStep } : {}) });
    return [feedbackReply(turn.t, lesson, run.id, focus.textStep, outcome)];
  });

  handle("lnext", async (turn, intent) => {
    const [runId, stepIndex] = (intent.arg ?? "").split(".").map(int);
    if (runId == null || stepIndex == null) throw new StaleLessonActionError(`bad next payload ${intent.arg}`);
    return advanceFrom(turn, runId, stepIndex);
  });

  handle("lcontinue", async (turn) => {
    const focus = getFocus(turn.state);
    if (!focus) return [{ text: turn.t("lesson.nothing_open"), buttons: [listButton(turn)] }];
    const { run, lesson } = await service.current(turn.patron.id, focus.run, turn.locale);
    // "lanjut" right after feedback means "next step"; after anything else it means "show me where I was".
    if (!focus.interrupted && phaseOf(lesson, run.data) === "read") return advanceFrom(turn, run.id, run.data.stepIndex);
    return [focusAndShow(turn, lesson, run)];
  });

  handle("lpause", async (turn) => {
    const focus = getFocus(turn.state);
    setFocus(turn.state, null);
    if (!focus || focus.awaitingName) return [{ text: turn.t("lesson.nothing_open"), buttons: [listButton(turn)] }];
    const [{ run, lesson }, prefs] = await Promise.all([service.current(turn.patron.id, focus.run, turn.locale), service.learners.get(turn.patron.id)]);
    return [pausedReply(turn.t, lesson, run.data.stepIndex, REMINDER_CHANNELS.has(turn.msg.channel) ? prefs.remindersOptIn : null)];
  });

  handle("lremind", async (turn, intent) => {
    const prefs = await service.learners.get(turn.patron.id);
    const on = intent.arg === "on" ? true : intent.arg === "off" ? false : !prefs.remindersOptIn;
    await service.learners.setReminders(turn.patron.id, on);
    const reply: Reply = { text: turn.t(on ? "lesson.reminders_on" : "lesson.reminders_off") };
    const focus = getFocus(turn.state);
    if (focus && !focus.awaitingName) {
      const open = await service.current(turn.patron.id, focus.run, turn.locale).catch(() => null);
      if (open) {
        setFocus(turn.state, { ...focus, interrupted: true });
        return [{ ...reply, buttons: [resumeButton(turn.t, open.lesson, open.run.data.stepIndex)] }];
      }
    }
    return [{ ...reply, buttons: [listButton(turn)] }];
  });

  handle("lname", async (turn, intent) => {
    const runId = int(intent.arg);
    if (runId === null) throw new StaleLessonActionError(`bad name payload ${intent.arg}`);
    return askName(turn, runId);
  });

  handle("lnameuse", async (turn, intent) => {
    const runId = int(intent.arg);
    if (runId === null) throw new StaleLessonActionError(`bad name payload ${intent.arg}`);
    const name = turn.patron.displayName ? cleanLearnerName(turn.patron.displayName) : null;
    return name ? certify(turn, runId, name) : askName(turn, runId);
  });

  handle("lname-typed", async (turn, intent) => {
    const focus = getFocus(turn.state);
    if (!focus?.awaitingName) throw new StaleLessonActionError("no name asked");
    const name = cleanLearnerName(intent.arg ?? "");
    if (!name) {
      const ask = askNameReply(turn.t, focus.run, turn.patron.displayName && cleanLearnerName(turn.patron.displayName));
      return [{ ...ask, text: turn.t("lesson.name_invalid") }];
    }
    return certify(turn, focus.run, name);
  });

  handle("lcertskip", async (turn) => {
    setFocus(turn.state, null);
    return [{ text: turn.t("lesson.certificate_skipped"), buttons: [listButton(turn)] }];
  });

  handle("lcert", async (turn, intent) => {
    const runId = int(intent.arg);
    if (runId === null) throw new StaleLessonActionError(`bad certificate payload ${intent.arg}`);
    await service.completedRun(turn.patron.id, runId, turn.locale);
    const existing = await service.certificateOf(runId);
    if (existing) return sendCertificate(turn, existing);
    const prefs = await service.learners.get(turn.patron.id);
    return prefs.certificateName ? certify(turn, runId, prefs.certificateName) : askName(turn, runId);
  });

  registry.command(["pengingat", "reminders", "reminder"], () => ({ name: "lremind", arg: "toggle" }));
  registry.command(["jeda", "pause"], () => ({ name: "lpause" }));
  registry.command(["lanjut", "continue"], () => ({ name: "lcontinue" }));
  for (const rule of lessonTextRules()) registry.rule(rule);
}
