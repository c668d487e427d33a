import crypto from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.js";
import type { Logger } from "../logger.js";

const INCOMING_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Gives every request an id (kept from a sane x-request-id header), a child logger and one log line. */
export function requestContext(log: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && INCOMING_ID.test(incoming) ? incoming : crypto.randomUUID();
    const child = log.child({ requestId });
    c.set("requestId", requestId);
    c.set("log", child);
    const started = performance.now();
    try {
      await next();
    } finally {
      c.res.headers.set("x-request-id", requestId);
      const ms = Math.round((performance.now() - started) * 10) / 10;
      // The path only: query strings can hold what a resident typed.
      child.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms }, "request");
    }
  };
}
