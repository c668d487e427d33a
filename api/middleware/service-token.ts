import crypto from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.js";
import { AppError } from "../errors.js";

const digest = (text: string) => crypto.createHash("sha256").update(text).digest();

/** Constant-time comparison of two secrets of any length. */
export function sameSecret(given: string, expected: string): boolean {
  return crypto.timingSafeEqual(digest(given), digest(expected));
}

/** sameSecret against one fixed secret, its digest computed once (routes that check every request). */
export function secretMatcher(expected: string): (given: string) => boolean {
  const want = digest(expected);
  return (given) => crypto.timingSafeEqual(digest(given), want);
}

/**
 * Requires `authorization: Bearer <token>` when a token is configured, like POST /v1/messages.
 * Without SERVICE_TOKEN the service is a single local process (HOST defaults to 127.0.0.1) and the
 * route is open, as the message route is.
 */
export function requireServiceToken(token: string | undefined): MiddlewareHandler<AppEnv> {
  const matches = token ? secretMatcher(token) : null;
  return async (c, next) => {
    if (matches) {
      const header = c.req.header("authorization") ?? "";
      const given = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
      if (!given || !matches(given)) throw new AppError(401, "unauthorized", "a valid service token is required (authorization: Bearer <SERVICE_TOKEN>)");
    }
    await next();
  };
}
