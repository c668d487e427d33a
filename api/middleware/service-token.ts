import crypto from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.js";
import { AppError } from "../errors.js";

/** Constant-time comparison of two secrets of any length. */
export function sameSecret(given: string, expected: string): boolean {
  const a = crypto.createHash("sha256").update(given).digest();
  const b = crypto.createHash("sha256").update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/**
 * Requires `authorization: Bearer <token>` when a token is configured, like POST /v1/messages.
 * Without SERVICE_TOKEN the service is a single local process (HOST defaults to 127.0.0.1) and the
 * route is open, as the message route is.
 */
export function requireServiceToken(token: string | undefined): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (token) {
      const header = c.req.header("authorization") ?? "";
      const given = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
      if (!given || !sameSecret(given, token)) throw new AppError(401, "unauthorized", "a valid service token is required (authorization: Bearer <SERVICE_TOKEN>)");
    }
    await next();
  };
}
