import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "./app-env.js";
import { AppError, ValidationError } from "./errors.js";

/** The single place where errors become HTTP responses; never leaks a stack trace. */
export function errorResponse(err: Error, c: Context<AppEnv>): Response {
  const requestId = c.get("requestId");
  if (err instanceof ValidationError) {
    return c.json({ error: "validation_error", issues: err.issues }, 400);
  }
  if (err instanceof AppError) {
    return c.json({ error: err.code, message: err.message, ...(err.details ?? {}) }, err.status);
  }
  if (err instanceof HTTPException) {
    if (err.status === 400) {
      return c.json({ error: "validation_error", issues: [{ path: "(body)", message: err.message || "malformed request" }] }, 400);
    }
    return c.json({ error: "http_error", message: err.message }, err.status);
  }
  c.get("log")?.error({ err }, "unhandled error");
  return c.json({ error: "internal_error", message: "Something went wrong on our side.", requestId }, 500);
}
