// The Telegram bot's side of the staff group: new tickets to post, the post each one got, a
// librarian's reply to a post, and linking a Telegram account with a code from the dashboard.
// Service-token protected: only the bot calls these, and it vouches for the Telegram user id.
import { createRoute, z } from "@hono/zod-openapi";
import type { App } from "../app-env.js";
import type { StaffGroup } from "../inbox/staff-group.js";
import type { StaffTelegram } from "../inbox/staff-telegram.js";
import { requireServiceToken } from "../middleware/service-token.js";

const ErrorBody = z.object({ error: z.string(), message: z.string() }).passthrough();
const json = <T extends z.ZodTypeAny>(schema: T) => ({ content: { "application/json": { schema } } });
const errorResponse = (description: string) => ({ description, ...json(ErrorBody) });

const TelegramUserId = z.string().regex(/^\d{1,20}$/, "must be a Telegram user id").openapi({ example: "5550101" });
const PostRef = z.string().regex(/^-?\d{1,20}:\d{1,12}$/, "must be chatId:messageId").openapi({ example: "-1001234567890:345" });

const Pending = z
  .object({
    id: z.number().int(),
    branchCode: z.string(),
    channel: z.enum(["telegram", "whatsapp", "web"]),
    question: z.string().openapi({ description: "The question with phone numbers masked, shortened for the group." }),
    createdAt: z.string(),
  })
  .openapi("StaffGroupPendingTicket");

const pending = createRoute({
  method: "get",
  path: "/v1/staff-group/pending",
  tags: ["staff group"],
  summary: "Open tickets not yet posted to the Telegram staff group, oldest first",
  description: "Carries no recipient ids or phone numbers: the group is seen by all its members.",
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) }) },
  responses: { 200: { description: "tickets to post", ...json(z.object({ tickets: z.array(Pending) })) }, 401: errorResponse("missing or wrong service token") },
});

const posted = createRoute({
  method: "post",
  path: "/v1/staff-group/posted",
  tags: ["staff group"],
  summary: "Record the staff-group message that announced a ticket",
  request: { body: { required: true, ...json(z.object({ ticketId: z.number().int().positive(), ref: PostRef })) } },
  responses: {
    200: { description: "recorded (or already recorded with this ref)", ...json(z.object({ ok: z.literal(true) })) },
    401: errorResponse("missing or wrong service token"),
    404: errorResponse("no such ticket"),
    409: errorResponse("the ticket was already posted under another ref"),
  },
});

const reply = createRoute({
  method: "post",
  path: "/v1/staff-group/reply",
  tags: ["staff group"],
  summary: "A librarian replied to a ticket's post: answer the ticket as them",
  description:
    "Finds the ticket by the replied-to post and the staff member by the linked Telegram account; an open ticket is claimed for them first. 403 telegram_not_linked when the account is not linked; 409 already_claimed (with assignee) when another librarian owns the ticket.",
  request: { body: { required: true, ...json(z.object({ ref: PostRef, telegramUserId: TelegramUserId, text: z.string().min(1).max(4096) })) } },
  responses: {
    200: { description: "answered; the answer goes to the patron through the outbox", ...json(z.object({ ticketId: z.number().int(), status: z.string(), staffName: z.string() })) },
    400: errorResponse("empty reply"),
    401: errorResponse("missing or wrong service token"),
    403: errorResponse("telegram_not_linked: link the Telegram account in the dashboard first"),
    404: errorResponse("unknown_post: the replied-to message does not announce a ticket"),
    409: errorResponse("already_claimed, not_owner or invalid_state"),
    429: errorResponse("rate_limited"),
  },
});

const link = createRoute({
  method: "post",
  path: "/v1/staff-group/link",
  tags: ["staff group"],
  summary: "Link a Telegram account to the staff member whose one-time code this is",
  request: { body: { required: true, ...json(z.object({ code: z.string().min(1).max(40), telegramUserId: TelegramUserId })) } },
  responses: {
    200: { description: "linked; the code is used up", ...json(z.object({ staffId: z.number().int(), staffName: z.string() })) },
    401: errorResponse("missing or wrong service token"),
    422: errorResponse("invalid_code or expired_code"),
  },
});

/** GET /v1/staff-group/pending, POST /v1/staff-group/posted, /reply and /link for the Telegram bot; returns the app typed with the four routes (for `hc`). */
export function registerStaffGroupRoutes(app: App, deps: { staffGroup: StaffGroup; staffTelegram: StaffTelegram; serviceToken?: string }) {
  app.use("/v1/staff-group/*", requireServiceToken(deps.serviceToken));
  return app
    .openapi(pending, async (c) => {
      const { limit } = c.req.valid("query");
      const tickets = await deps.staffGroup.pending(limit);
      return c.json({ tickets: tickets.map((t) => ({ ...t, createdAt: t.createdAt.toISOString() })) }, 200);
    })
    .openapi(posted, async (c) => {
      const { ticketId, ref } = c.req.valid("json");
      await deps.staffGroup.markPosted(ticketId, ref);
      return c.json({ ok: true as const }, 200);
    })
    .openapi(reply, async (c) => {
      const body = c.req.valid("json");
      const result = await deps.staffGroup.reply(body);
      return c.json(result, 200);
    })
    .openapi(link, async (c) => {
      const { code, telegramUserId } = c.req.valid("json");
      const staff = await deps.staffTelegram.link(code, telegramUserId);
      return c.json({ staffId: staff.id, staffName: staff.name }, 200);
    });
}

/** The typed shape of the staff-group routes, for the bot's `hc` client (bot/telegram/staff-group-client.ts). */
export type StaffGroupApi = ReturnType<typeof registerStaffGroupRoutes>;
