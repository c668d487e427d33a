// POST /telegram/webhook: where Telegram delivers updates when PUBLIC_URL is set. The route knows
// nothing about grammY (api/ never imports a channel library): it checks Telegram's secret header,
// checks that the body is an Update-shaped JSON object, and hands it to the function main.ts gave
// it. Telegram redelivers on non-2xx and on slow answers, so the route answers 200 once the update
// is handled or after `ackAfterMs`, whichever comes first.
import { createRoute, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import type { Context, MiddlewareHandler } from "hono";
import type { App, AppEnv } from "../app-env.js";
import { secretMatcher } from "../middleware/service-token.js";

/** An Update as far as the service checks it; the adapter reads the rest. */
export type TelegramUpdateJson = { update_id: number } & Record<string, unknown>;

export type TelegramWebhookDeps = {
  /** The secret_token given to setWebhook; Telegram echoes it in X-Telegram-Bot-Api-Secret-Token. */
  secretToken: string;
  /** Handles one update; throws only when the bot cannot take updates yet (answered 503). */
  handleUpdate(update: TelegramUpdateJson): Promise<void>;
  ackAfterMs?: number;
};

const SECRET_HEADER = "x-telegram-bot-api-secret-token";

const ErrorBody = z.object({ error: z.string(), message: z.string() });

const webhook = createRoute({
  method: "post",
  path: "/telegram/webhook",
  tags: ["telegram"],
  summary: "Telegram Bot API webhook (updates from Telegram)",
  request: {
    headers: z.object({ [SECRET_HEADER]: z.string().optional().openapi({ description: "The secret_token set with setWebhook" }) }),
    body: {
      required: true,
      content: { "application/json": { schema: z.looseObject({ update_id: z.number().int().nonnegative() }).openapi("TelegramUpdate") } },
    },
  },
  responses: {
    200: { description: "update accepted", content: { "application/json": { schema: z.object({ ok: z.literal(true) }) } } },
    400: { description: "not an Update" },
    401: { description: "missing or wrong secret token", content: { "application/json": { schema: ErrorBody } } },
    413: { description: "body too large" },
    503: { description: "the bot is starting; Telegram retries", content: { "application/json": { schema: ErrorBody } } },
  },
});

/**
 * 413 for bodies over `maxSize`. A declared Content-Length is checked without touching the body:
 * Hono's bodyLimit reads `req.raw.body`, which makes @hono/node-server build a web Request and
 * stream the body through it, about 5 % of the service's CPU per update. Telegram always sends a
 * length; a chunked body still goes through Hono's streaming check.
 */
function limitBody(maxSize: number, onError: (c: Context<AppEnv>) => Response): MiddlewareHandler<AppEnv> {
  const streaming = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    const length = c.req.header("content-length");
    if (length === undefined || c.req.header("transfer-encoding") !== undefined) return streaming(c, next);
    if (!/^\d+$/.test(length) || Number(length) > maxSize) return onError(c);
    await next();
  };
}

function checkSecret(expected: string): MiddlewareHandler<AppEnv> {
  const matches = secretMatcher(expected);
  return async (c, next) => {
    const given = c.req.header(SECRET_HEADER);
    if (given === undefined || !matches(given)) {
      return c.json({ error: "unauthorized", message: "missing or wrong X-Telegram-Bot-Api-Secret-Token" }, 401);
    }
    await next();
  };
}

/** Mounts POST /telegram/webhook; the secret is checked before the body is read. */
export function registerTelegramWebhook(app: App, deps: TelegramWebhookDeps): void {
  const ackAfterMs = deps.ackAfterMs ?? 8000;
  const tooLarge = limitBody(1024 * 1024, (c) => c.json({ error: "payload_too_large", message: "an update is never this large" }, 413));
  app.openapi({ ...webhook, middleware: [checkSecret(deps.secretToken), tooLarge] as const }, async (c) => {
    const update = c.req.valid("json") as TelegramUpdateJson;
    const log = c.get("log");
    let failed = false;
    const handling = deps.handleUpdate(update).catch((err: unknown) => {
      failed = true;
      log.warn({ err: err instanceof Error ? err.message : String(err), updateId: update.update_id }, "telegram update not taken");
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([handling, new Promise<void>((resolve) => (timer = setTimeout(resolve, ackAfterMs)))]);
    clearTimeout(timer);
    if (failed) return c.json({ error: "unavailable", message: "the Telegram bot is not ready; retry later" }, 503);
    return c.json({ ok: true as const }, 200);
  });
}
