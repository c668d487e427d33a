import { createRoute, z } from "@hono/zod-openapi";
import type { App } from "../app-env.js";
import { MAX_LIMIT, MAX_QUERY_LENGTH, type CatalogueService } from "../catalogue/search-catalogue.js";
import { NotFoundError } from "../errors.js";

const Availability = z
  .object({
    branch: z.string().openapi({ example: "OEBOBO" }),
    branchName: z.string().openapi({ example: "Perpustakaan Cabang Oebobo" }),
    total: z.number().int(),
    available: z.number().int(),
    nextDue: z.string().nullable().openapi({ description: "Earliest due date (YYYY-MM-DD) when no copy is on the shelf", example: "2026-12-01" }),
  })
  .openapi("Availability");

const Hit = z
  .object({
    id: z.number().int(),
    title: z.string(),
    subtitle: z.string().nullable(),
    authors: z.array(z.string()),
    year: z.number().int().nullable(),
    publisher: z.string().nullable(),
    isbn: z.string().nullable(),
    callNumber: z.string().nullable(),
    format: z.string(),
    ebookUrl: z.string().nullable(),
    availability: z.array(Availability),
  })
  .openapi("CatalogueHit");

const Facets = z.record(z.string(), z.record(z.string(), z.number().int())).openapi({
  description: "Counts per value of branch, language, format and available",
  example: { branch: { OEBOBO: 3 }, language: { ind: 3 }, format: { book: 3 }, available: { true: 2, false: 1 } },
});

const SearchResult = z
  .object({
    hits: z.array(Hit),
    total: z.number().int(),
    page: z.number().int(),
    facets: Facets,
    degraded: z.boolean().openapi({ description: "true when Meilisearch was unavailable and PostgreSQL answered (no typo tolerance)" }),
  })
  .openapi("SearchResult");

const Item = z
  .object({
    barcode: z.string(),
    branch: z.string(),
    branchName: z.string(),
    status: z.enum(["available", "on_loan", "reserved", "lost", "repair"]),
    dueDate: z.string().nullable(),
    callNumber: z.string().nullable(),
  })
  .openapi("Item");

const RecordDetails = Hit.extend({
  isbns: z.array(z.string()),
  place: z.string().nullable(),
  edition: z.string().nullable(),
  pages: z.number().int().nullable(),
  language: z.string().nullable(),
  subjects: z.array(z.string()),
  series: z.string().nullable(),
  summary: z.string().nullable(),
  items: z.array(Item),
}).openapi("RecordDetails");

const ErrorBody = z.object({ error: z.string(), message: z.string().optional() }).passthrough();
const ValidationBody = z
  .object({ error: z.literal("validation_error"), issues: z.array(z.object({ path: z.string(), message: z.string() })) })
  .openapi("ValidationError");

const year = z.coerce.number({ message: "must be a year" }).int("must be a whole year").min(0).max(3000);

const SearchQuery = z.object({
  q: z
    .string()
    .max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`)
    .optional()
    .openapi({ description: "Words, an author, a subject or an ISBN; empty with filters browses", example: "laskar pelangi" }),
  branch: z.string().max(40).optional().openapi({ description: "Branch code", example: "OEBOBO" }),
  available: z
    .enum(["true", "false", "1", "0"], { message: "must be true or false" })
    .transform((v) => v === "true" || v === "1")
    .optional()
    .openapi({ description: "true: only records with a copy on the shelf (in `branch` when given)" }),
  language: z.string().max(40).optional().openapi({ description: "MARC language code or name", example: "ind" }),
  format: z.string().max(20).optional().openapi({ example: "book" }),
  yearFrom: year.optional(),
  yearTo: year.optional(),
  page: z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(1, "must be 1 or more").max(1000).default(1),
  limit: z.coerce
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be 1 or more")
    .max(MAX_LIMIT, `must be at most ${MAX_LIMIT}`)
    .default(10),
});

const searchRoute = createRoute({
  method: "get",
  path: "/v1/catalogue/search",
  tags: ["catalogue"],
  summary: "Search the catalogue",
  description: "Typo-tolerant search in Indonesian and English with branch, availability, language, format and year filters.",
  request: { query: SearchQuery },
  responses: {
    200: { description: "results", content: { "application/json": { schema: SearchResult } } },
    400: { description: "invalid input; `issues` names each field", content: { "application/json": { schema: ValidationBody } } },
  },
});

const recordRoute = createRoute({
  method: "get",
  path: "/v1/catalogue/records/{id}",
  tags: ["catalogue"],
  summary: "One record with all its copies",
  request: { params: z.object({ id: z.coerce.number({ message: "must be a number" }).int("must be a whole number").positive("must be positive").max(2_147_483_647) }) },
  responses: {
    200: { description: "the record", content: { "application/json": { schema: RecordDetails } } },
    400: { description: "invalid id", content: { "application/json": { schema: ValidationBody } } },
    404: { description: "no such record", content: { "application/json": { schema: ErrorBody } } },
  },
});

/** GET /v1/catalogue/search and GET /v1/catalogue/records/:id; returns the app typed with both routes (for `hc`). */
export function registerCatalogueRoutes(app: App, deps: { catalogue: CatalogueService }) {
  return app
    .openapi(searchRoute, async (c) => {
      const query = c.req.valid("query");
      const result = await deps.catalogue.search({ ...query, channel: "api", facets: true });
      return c.json(result, 200);
    })
    .openapi(recordRoute, async (c) => {
      const record = await deps.catalogue.record(c.req.valid("param").id);
      if (!record) throw new NotFoundError("Record");
      return c.json(record, 200);
    });
}

/** The typed shape of the catalogue routes, for the bots' `hc` client (bot/client.ts). */
export type CatalogueApi = ReturnType<typeof registerCatalogueRoutes>;
