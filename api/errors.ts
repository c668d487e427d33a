/** A failure that maps to an HTTP response; thrown by services, converted once in app.ts. */
export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export type ValidationIssue = { path: string; message: string };

/** Bad input; the issues name the field and the problem. */
export class ValidationError extends AppError {
  constructor(readonly issues: ValidationIssue[]) {
    super(400, "validation_error", issues.map((i) => `${i.path}: ${i.message}`).join("; "));
    this.name = "ValidationError";
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super(404, "not_found", `${what} not found`);
    this.name = "NotFoundError";
  }
}
