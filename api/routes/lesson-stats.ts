// Lesson statistics as JSON for scripts and other systems, protected by the service token like the
// other machine-facing routes; without SERVICE_TOKEN (one local process) it is open, as
// POST /v1/messages is. Librarians see the same figures at /staff/lessons behind their login.
import { createRoute, z } from "@hono/zod-openapi";
import type { App } from "../app-env.js";
import type { Db } from "../db/prisma.js";
import { NotFoundError } from "../errors.js";
import { toLocale } from "../i18n/locale.js";
import type { LessonCatalog } from "../lessons/lesson-catalog.js";
import { lessonStats } from "../lessons/lesson-stats.js";
import { requireServiceToken } from "../middleware/service-token.js";

export type LessonStatsRouteDeps = { db: Db; catalog: LessonCatalog; serviceToken?: string };

const Question = z
  .object({
    step: z.number().int(),
    stepId: z.string(),
    type: z.enum(["choice", "text"]),
    prompt: z.string(),
    answered: z.number().int(),
    rightFirstTry: z.number().int(),
    shareRightFirstTry: z.number().nullable(),
    shareRight: z.number().nullable().openapi({ description: "Right on the first try or after the one retry" }),
  })
  .openapi("LessonQuestionStats");

const DropOff = z.object({ step: z.number().int(), stepId: z.string(), learners: z.number().int() }).openapi("LessonDropOff");

const Stats = z
  .object({
    lessonId: z.string(),
    title: z.string(),
    pillar: z.string(),
    starts: z.number().int().openapi({ description: "Learners who started the lesson" }),
    completions: z.number().int().openapi({ description: "Learners who finished it at least once" }),
    completionRate: z.number().nullable(),
    runs: z.number().int().openapi({ description: "Runs including restarts" }),
    dropOff: z.array(DropOff).openapi({ description: "Where learners who never finished stopped, most first" }),
    dropOffStep: DropOff.nullable(),
    questions: z.array(Question),
  })
  .openapi("LessonStats");

const ErrorBody = z.object({ error: z.string(), message: z.string() });
const LocaleQuery = z.object({ locale: z.enum(["id", "en"]).optional().openapi({ description: "Language of titles and prompts (default id)" }) });

const all = createRoute({
  method: "get",
  path: "/v1/lessons/stats",
  tags: ["lessons"],
  summary: "Per-lesson statistics for librarians (starts, completions, drop-off step, share right per question)",
  security: [{ bearerAuth: [] }] as { [name: string]: string[] }[],
  request: { query: LocaleQuery },
  responses: {
    200: { description: "every loaded lesson", content: { "application/json": { schema: z.object({ lessons: z.array(Stats) }) } } },
    401: { description: "missing or wrong service token", content: { "application/json": { schema: ErrorBody } } },
  },
});

const one = createRoute({
  method: "get",
  path: "/v1/lessons/{id}/stats",
  tags: ["lessons"],
  summary: "Statistics of one lesson",
  security: [{ bearerAuth: [] }] as { [name: string]: string[] }[],
  request: { params: z.object({ id: z.string().max(64).openapi({ param: { name: "id", in: "path" }, example: "hoaks" }) }), query: LocaleQuery },
  responses: {
    200: { description: "the lesson's statistics", content: { "application/json": { schema: Stats } } },
    401: { description: "missing or wrong service token", content: { "application/json": { schema: ErrorBody } } },
    404: { description: "no such lesson", content: { "application/json": { schema: ErrorBody } } },
  },
});

/** GET /v1/lessons/stats and /v1/lessons/:id/stats. */
export function registerLessonStatsRoutes(app: App, deps: LessonStatsRouteDeps): void {
  const guard = requireServiceToken(deps.serviceToken);
  app.use("/v1/lessons/stats", guard);
  app.use("/v1/lessons/:id/stats", guard);
  app.openapi(all, async (c) => {
    const locale = toLocale(c.req.valid("query").locale) ?? "id";
    return c.json({ lessons: await lessonStats(deps, { locale }) }, 200);
  });
  app.openapi(one, async (c) => {
    const { id } = c.req.valid("param");
    const locale = toLocale(c.req.valid("query").locale) ?? "id";
    const [stats] = await lessonStats(deps, { lessonId: id, locale });
    if (!stats) throw new NotFoundError(`lesson "${id}"`);
    return c.json(stats, 200);
  });
}
