import { createRoute, z } from "@hono/zod-openapi";
import type { App } from "../app-env.js";
import type { Db } from "../db/prisma.js";
import type { SearchBackend } from "../../search/search-client.js";

const ChannelHealth = z
  .object({ status: z.string(), connected: z.boolean(), lastError: z.string().nullable().optional() })
  .openapi("ChannelHealth");

const Ready = z
  .object({
    postgres: z.enum(["ok", "down"]),
    meilisearch: z.enum(["ok", "down", "disabled"]),
    channels: z.record(z.string(), ChannelHealth).optional(),
  })
  .openapi("Readiness");

export type ChannelHealth = z.infer<typeof ChannelHealth>;

/** Status of the chat channels running with the service (WhatsApp when WHATSAPP_ENABLED). */
export type ChannelStatusProvider = () => Promise<Record<string, ChannelHealth>>;

const healthz = createRoute({
  method: "get",
  path: "/healthz",
  tags: ["health"],
  summary: "Liveness: the process answers",
  responses: { 200: { description: "alive", content: { "application/json": { schema: z.object({ status: z.literal("ok") }) } } } },
});

const readyz = createRoute({
  method: "get",
  path: "/readyz",
  tags: ["health"],
  summary: "Readiness: PostgreSQL and Meilisearch answer",
  responses: {
    200: { description: "ready", content: { "application/json": { schema: Ready } } },
    503: { description: "a dependency is down", content: { "application/json": { schema: Ready } } },
  },
});

async function pingPostgres(db: Db): Promise<"ok" | "down"> {
  try {
    await Promise.race([
      db.$queryRawUnsafe("SELECT 1"),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 2000).unref()),
    ]);
    return "ok";
  } catch {
    return "down";
  }
}

async function channelHealth(provider: ChannelStatusProvider): Promise<Record<string, ChannelHealth>> {
  try {
    return await provider();
  } catch {
    return { unknown: { status: "unknown", connected: false } };
  }
}

/**
 * /healthz and /readyz. Meilisearch "disabled" (no server at all) does not make the service unready.
 * Channel status is reported but does not decide readiness: a logged-out WhatsApp number needs a
 * person with a phone, and taking the API out of rotation would only stop the other channels too.
 */
export function registerHealthRoutes(app: App, deps: { db: Db; search: SearchBackend; channels?: ChannelStatusProvider }): void {
  app.openapi(healthz, (c) => c.json({ status: "ok" as const }, 200));
  app.openapi(readyz, async (c) => {
    const [postgres, meilisearch, channels] = await Promise.all([
      pingPostgres(deps.db),
      deps.search.health(),
      deps.channels ? channelHealth(deps.channels) : Promise.resolve(undefined),
    ]);
    const ready = postgres === "ok" && meilisearch !== "down";
    return c.json({ postgres, meilisearch, ...(channels ? { channels } : {}) }, ready ? 200 : 503);
  });
}
