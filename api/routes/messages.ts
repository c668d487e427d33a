import { getConnInfo } from "@hono/node-server/conninfo";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { App, AppEnv } from "../app-env.js";
import type { DialogEngine } from "../dialog/engine.js";
import type { RateLimiter } from "../dialog/rate-limit.js";
import { AppError } from "../errors.js";
import type { ChatTokens } from "../web/chat-token.js";
import { secretMatcher } from "../middleware/service-token.js";

// The engine answers 1,001 to 20,000 characters with a polite "too long"; beyond that the request
// itself is refused, so nobody can make us store or parse megabytes.
const MAX_TEXT = 20_000;

/** A web chat user id is random (see api/web/chat.js), long enough that nobody can guess another's. */
export const WEB_USER_ID = /^[A-Za-z0-9_-]{16,64}$/;

const Button = z.object({ label: z.string(), payload: z.string().openapi({ description: "Sent back as `payload` when pressed; at most 64 bytes" }) }).openapi("Button");

const Reply = z
  .object({
    text: z.string().openapi({ description: "Markup subset: *bold*, _italic_, [label](https://…); everything else is plain text to escape" }),
    buttons: z.array(Button).optional(),
    document: z.object({ filename: z.string(), mimeType: z.string(), base64: z.string() }).optional(),
    image: z.object({ mimeType: z.string(), base64: z.string(), caption: z.string().optional() }).optional(),
    edit: z.boolean().optional().openapi({ description: "Replace the message whose button was pressed (paging) instead of sending a new one" }),
  })
  .openapi("Reply");

export const InboundMessageSchema = z
  .object({
    channel: z.enum(["telegram", "whatsapp", "web"]),
    userId: z.string().min(1).max(128).openapi({ description: "The channel's user id (Telegram chat id, WhatsApp JID, web chat random id)" }),
    messageId: z.string().min(1).max(128).openapi({ description: "Unique per channel; the same (channel, messageId) is answered once" }),
    text: z.string().max(MAX_TEXT).optional(),
    payload: z.string().min(1).max(64).optional().openapi({ description: "The payload of a pressed button" }),
    displayName: z.string().max(256).optional(),
    locale: z.string().max(35).optional().openapi({ description: "The user's language tag as the channel knows it (used for a new user)", example: "id" }),
  })
  .openapi("InboundMessage");

export const MessageResponseSchema = z
  .object({
    replies: z.array(Reply),
    /** The user's language after this message ("id" or "en"), so adapters can word their own chrome (e.g. WhatsApp's "Reply 1, 2 or 3"). */
    locale: z.string().optional(),
  })
  .openapi("MessageResponse");

const ErrorBody = z.object({ error: z.string(), message: z.string() });

export const messagesRoute = createRoute({
  method: "post",
  path: "/v1/messages",
  tags: ["dialog"],
  summary: "One user action from a channel; returns the replies to send",
  description:
    "Channel adapters send every message or button press here. With SERVICE_TOKEN set, send `authorization: Bearer <SERVICE_TOKEN>`; " +
    "the web chat page instead sends `x-chat-token` (from GET /chat/token), which allows channel `web` only and is limited per IP address.",
  security: [{ bearerAuth: [] }, { chatToken: [] }] as { [name: string]: string[] }[],
  request: { body: { required: true, content: { "application/json": { schema: InboundMessageSchema } } } },
  responses: {
    200: { description: "replies, in order", content: { "application/json": { schema: MessageResponseSchema } } },
    401: { description: "missing or wrong token", content: { "application/json": { schema: ErrorBody } } },
    403: { description: "a web chat token used for another channel", content: { "application/json": { schema: ErrorBody } } },
    429: { description: "too many web chat requests from this address", content: { "application/json": { schema: ErrorBody } } },
  },
});

function clientAddress(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // app.request() in the same process has no socket.
    return "in-process";
  }
}

type Caller = "service" | "web";

export type MessageRouteDeps = {
  dialog: DialogEngine;
  serviceToken: string | undefined;
  chatTokens: ChatTokens;
  webIpLimiter: RateLimiter;
};

/** POST /v1/messages: checks who is calling, then hands the message to the dialog engine; returns the app typed with the route (for `hc`). */
export function registerMessageRoutes(app: App, deps: MessageRouteDeps) {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", { type: "http", scheme: "bearer", description: "SERVICE_TOKEN" });
  app.openAPIRegistry.registerComponent("securitySchemes", "chatToken", { type: "apiKey", in: "header", name: "x-chat-token", description: "web chat page token" });

  const isServiceToken = deps.serviceToken ? secretMatcher(deps.serviceToken) : () => false;
  // Runs before body validation, so an unauthenticated caller learns nothing about the schema.
  app.use("/v1/messages", async (c, next) => {
    const bearer = /^Bearer\s+(.+)$/i.exec(c.req.header("authorization") ?? "")?.[1]?.trim();
    let caller: Caller | null = null;
    if (bearer && isServiceToken(bearer)) caller = "service";
    else if (deps.chatTokens.verify(c.req.header("x-chat-token"))) caller = "web";
    else if (!deps.serviceToken) caller = "service"; // no token configured: a single local process
    if (!caller) throw new AppError(401, "unauthorized", "send authorization: Bearer <SERVICE_TOKEN>, or x-chat-token from GET /chat/token");
    if (caller === "web" && !deps.webIpLimiter.hit(clientAddress(c))) {
      throw new AppError(429, "rate_limited", "too many messages from this address; wait a minute");
    }
    c.set("caller" as never, caller as never);
    await next();
  });

  return app.openapi(messagesRoute, async (c) => {
    const msg = c.req.valid("json");
    const caller = c.get("caller" as never) as Caller;
    if (caller === "web" && deps.serviceToken) {
      if (msg.channel !== "web") throw new AppError(403, "forbidden", "a web chat token can only send messages for channel web");
    }
    if (msg.channel === "web" && !WEB_USER_ID.test(msg.userId)) {
      throw new AppError(400, "validation_error", "userId: a web chat user id must be 16-64 letters, digits, _ or -");
    }
    const { replies, locale } = await deps.dialog.answer(msg);
    return c.json({ replies, ...(locale ? { locale } : {}) }, 200);
  });
}

/** The typed shape of POST /v1/messages, for the bots' `hc` client (bot/client.ts). */
export type MessagesApi = ReturnType<typeof registerMessageRoutes>;
