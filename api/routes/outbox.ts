// The channel workers' side of the outbox: pull a leased batch, then ack, fail or hold each item.
// Service-token protected; producers (the librarian inbox, reminders) enqueue through the service.
import { createRoute, z } from "@hono/zod-openapi";
import type { App } from "../app-env.js";
import type { OutboxService } from "../outbox/outbox-service.js";
import type { OutboxItem } from "../outbox/outbox-types.js";
import { requireServiceToken } from "../middleware/service-token.js";

const ChannelName = z.enum(["telegram", "whatsapp", "web"]);

const Item = z
  .object({
    id: z.number().int(),
    channel: ChannelName,
    recipient: z.string(),
    payload: z.object({ replies: z.array(z.any()), locale: z.enum(["id", "en"]).optional() }).passthrough(),
    status: z.enum(["pending", "held", "sent", "failed"]),
    attempts: z.number().int(),
    nextAttemptAt: z.string(),
    leasedUntil: z.string().nullable(),
    leaseId: z.string().nullable(),
    sentAt: z.string().nullable(),
    error: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("OutboxItem");

const ErrorBody = z.object({ error: z.string(), message: z.string() }).passthrough();

const IdParam = z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: "id", in: "path" }, example: 42 }) });

const LeaseField = z.string().min(1).max(100).optional().openapi({ description: "The leaseId from the pull; when given, a stale lease is refused with 409." });

const json = <T extends z.ZodTypeAny>(schema: T) => ({ content: { "application/json": { schema } } });

const errors = {
  401: { description: "missing or wrong service token", ...json(ErrorBody) },
  404: { description: "no such item", ...json(ErrorBody) },
  409: { description: "the lease ran out and the item went to another pull, or it is settled", ...json(ErrorBody) },
};

const pull = createRoute({
  method: "post",
  path: "/v1/outbox/pull",
  tags: ["outbox"],
  summary: "Lease a channel's due outbox items (oldest first)",
  description:
    "Items stay with the caller until leasedUntil; ack, fail or hold each one. With `recipient`, returns that user's items at once, including held ones (the user just wrote).",
  request: {
    body: {
      required: true,
      ...json(z.object({ channel: ChannelName, limit: z.number().int().min(1).max(100).default(10), recipient: z.string().min(1).max(200).optional() })),
    },
  },
  responses: { 200: { description: "leased items", ...json(z.object({ items: z.array(Item) })) }, 401: errors[401] },
});

const ack = createRoute({
  method: "post",
  path: "/v1/outbox/{id}/ack",
  tags: ["outbox"],
  summary: "The item was delivered",
  request: { params: IdParam, body: { required: false, ...json(z.object({ leaseId: LeaseField })) } },
  responses: { 200: { description: "the sent item", ...json(z.object({ item: Item })) }, ...errors },
});

const fail = createRoute({
  method: "post",
  path: "/v1/outbox/{id}/fail",
  tags: ["outbox"],
  summary: "Sending failed: retry later with backoff, or give up (final, or too many attempts)",
  request: {
    params: IdParam,
    body: { required: true, ...json(z.object({ error: z.string().min(1).max(2000), final: z.boolean().optional(), leaseId: LeaseField })) },
  },
  responses: { 200: { description: "the item, pending with a later nextAttemptAt or failed", ...json(z.object({ item: Item })) }, ...errors },
});

const hold = createRoute({
  method: "post",
  path: "/v1/outbox/{id}/hold",
  tags: ["outbox"],
  summary: "Keep the item until its recipient writes again (e.g. outside WhatsApp's 24-hour window)",
  request: { params: IdParam, body: { required: true, ...json(z.object({ reason: z.string().min(1).max(500), leaseId: LeaseField })) } },
  responses: { 200: { description: "the held item", ...json(z.object({ item: Item })) }, ...errors },
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function view(item: OutboxItem): z.infer<typeof Item> {
  return {
    id: item.id,
    channel: item.channel,
    recipient: item.recipient,
    payload: item.payload,
    status: item.status,
    attempts: item.attempts,
    nextAttemptAt: item.nextAttemptAt.toISOString(),
    leasedUntil: iso(item.leasedUntil),
    leaseId: item.leaseId,
    sentAt: iso(item.sentAt),
    error: item.error,
    createdAt: item.createdAt.toISOString(),
  };
}

/** POST /v1/outbox/pull, /v1/outbox/:id/ack, /fail and /hold for the channel workers; returns the app typed with the four routes (for `hc`). */
export function registerOutboxRoutes(app: App, deps: { outbox: OutboxService; serviceToken?: string }) {
  app.use("/v1/outbox/*", requireServiceToken(deps.serviceToken));
  return app
    .openapi(pull, async (c) => {
      const body = c.req.valid("json");
      const items = await deps.outbox.pull({ channel: body.channel, limit: body.limit, ...(body.recipient ? { recipient: body.recipient } : {}) });
      return c.json({ items: items.map(view) }, 200);
    })
    .openapi(ack, async (c) => {
      const { id } = c.req.valid("param");
      const body = (await c.req.json().catch(() => ({}))) as { leaseId?: unknown };
      const leaseId = typeof body.leaseId === "string" && body.leaseId ? body.leaseId : undefined;
      return c.json({ item: view(await deps.outbox.ack(id, leaseId)) }, 200);
    })
    .openapi(fail, async (c) => {
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const item = await deps.outbox.fail(id, { error: body.error, ...(body.final !== undefined ? { final: body.final } : {}), ...(body.leaseId ? { leaseId: body.leaseId } : {}) });
      return c.json({ item: view(item) }, 200);
    })
    .openapi(hold, async (c) => {
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      return c.json({ item: view(await deps.outbox.hold(id, { reason: body.reason, ...(body.leaseId ? { leaseId: body.leaseId } : {}) })) }, 200);
    });
}

/** The typed shape of the outbox routes, for the workers' `hc` client (bot/outbox-client.ts). */
export type OutboxApi = ReturnType<typeof registerOutboxRoutes>;
