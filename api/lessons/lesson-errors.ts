/** A lesson id that is not in the catalog (never existed, or its file is broken and was skipped). */
export class LessonNotFoundError extends Error {
  constructor(readonly lessonId: string) {
    super(`lesson "${lessonId}" is not available`);
    this.name = "LessonNotFoundError";
  }
}

/** A button or message that no longer fits the run (an old step, an answered question, someone else's run). */
export class StaleLessonActionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StaleLessonActionError";
  }
}
