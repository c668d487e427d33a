import { createRoute, z } from "@hono/zod-openapi";
import type { App } from "../app-env.js";
import type { Reply } from "../dialog/reply.js";
import { AppError } from "../errors.js";
import type { OutboxService } from "../outbox/outbox-service.js";
import type { ChatTokens } from "../web/chat-token.js";
import { WEB_USER_ID } from "./messages.js";

// The web chat has no connection the server can push on, so the page polls for what was sent
// later (a librarian's answer, the rating question): the outbox items of channel "web" for it.
const BATCH = 20;

const InboxResponse = z
  .object({ replies: z.array(z.object({ text: z.string(), buttons: z.array(z.object({ label: z.string(), payload: z.string() })).optional() }).passthrough()) })
  .openapi("ChatInbox");

const inboxRoute = createRoute({
  method: "get",
  path: "/v1/chat/inbox",
  tags: ["dialog"],
  summary: "Messages sent later to a web chat user (librarian answers); each is returned once",
  description: "Authorised by the page's `x-chat-token`. Returns the pending outbox items of channel `web` for `userId`, oldest first, and marks them sent.",
  security: [{ chatToken: [] }] as { [name: string]: string[] }[],
  request: { query: z.object({ userId: z.string().regex(WEB_USER_ID) }) },
  responses: {
    200: { description: "replies, in order (empty when nothing is waiting)", content: { "application/json": { schema: InboxResponse } } },
    401: { description: "missing or expired chat token", content: { "application/json": { schema: z.object({ error: z.string(), message: z.string() }) } } },
  },
});

/** GET /v1/chat/inbox: pulls and acks the web channel's outbox items for one chat user. */
export function registerChatInbox(app: App, deps: { outbox: OutboxService; chatTokens: ChatTokens }): void {
  // Before validation, so a caller without a token learns nothing about the query.
  app.use("/v1/chat/inbox", async (c, next) => {
    if (!deps.chatTokens.verify(c.req.header("x-chat-token"))) throw new AppError(401, "unauthorized", "send x-chat-token from GET /chat/token");
    await next();
  });
  app.openapi(inboxRoute, async (c) => {
    const { userId } = c.req.valid("query");
    const items = await deps.outbox.pull({ channel: "web", limit: BATCH, recipient: userId });
    const replies: Reply[] = [];
    for (const item of items) {
      // Acked as soon as it is in the response: the page shows what it receives.
      await deps.outbox.ack(item.id, item.leaseId);
      replies.push(...item.payload.replies);
    }
    return c.json({ replies }, 200, { "cache-control": "no-store" });
  });
}
