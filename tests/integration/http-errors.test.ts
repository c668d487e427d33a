import { createRoute, z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import { loadConfig } from "../../api/config.js";
import { createDb } from "../../api/db/prisma.js";
import { createSearchBackend } from "../../search/search-client.js";
import { memoryLogger } from "../support/silent-logger.js";

// No database round trip happens in these routes; a client that is never used is enough.
const db = createDb("postgresql://postgres@127.0.0.1:1/unused");

function appWithProbeRoutes() {
  const log = memoryLogger();
  const app = createApp({ db, search: createSearchBackend({}), config: loadConfig({}), log });
  app.openapi(
    createRoute({
      method: "post",
      path: "/probe",
      request: {
        query: z.object({ limit: z.coerce.number().int().max(50) }),
        body: { content: { "application/json": { schema: z.object({ name: z.string().min(1) }) } } },
      },
      responses: { 200: { description: "ok", content: { "application/json": { schema: z.object({ ok: z.boolean() }) } } } },
    }),
    (c) => c.json({ ok: true }, 200),
  );
  app.get("/boom", () => {
    throw new Error("database password is hunter2 at /srv/secret.ts:12");
  });
  return { app, log };
}

describe("error responses have one shape", () => {
  it("a request with a bad field gets 400 validation_error naming the field", async () => {
    const { app } = appWithProbeRoutes();
    const res = await app.request("/probe?limit=51", { method: "POST", body: JSON.stringify({ name: "x" }), headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; issues: { path: string; message: string }[] };
    expect(body.error).toBe("validation_error");
    expect(body.issues).toEqual([{ path: "limit", message: expect.stringMatching(/50/) }]);
  });

  it("a malformed JSON body is a 400, not a crash", async () => {
    const { app } = appWithProbeRoutes();
    const res = await app.request("/probe?limit=5", { method: "POST", body: "{not json", headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe("validation_error");
  });

  it("an unknown route is a JSON 404", async () => {
    const { app } = appWithProbeRoutes();
    const res = await app.request("/v1/nothing-here");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "not_found", message: "No route for GET /v1/nothing-here" });
  });

  it("an unexpected error is a 500 with the request id and without internals", async () => {
    const { app, log } = appWithProbeRoutes();
    const res = await app.request("/boom", { headers: { "x-request-id": "req-12345678" } });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: "internal_error", message: "Something went wrong on our side.", requestId: "req-12345678" });
    expect(text).not.toMatch(/hunter2|secret\.ts|at /);
    expect(res.headers.get("x-request-id")).toBe("req-12345678");
    expect(log.lines().some((l) => l.msg === "unhandled error")).toBe(true);
  });

  it("every request is logged once, by path only (no query string a resident typed)", async () => {
    const { app, log } = appWithProbeRoutes();
    await app.request("/healthz?q=buku+rahasia");
    const lines = log.lines().filter((l) => l.msg === "request");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ method: "GET", path: "/healthz", status: 200 });
    expect(log.text()).not.toContain("rahasia");
  });

  it("/openapi.json is OpenAPI 3.1 and /docs serves Swagger UI from local files", async () => {
    const { app } = appWithProbeRoutes();
    const spec = (await (await app.request("/openapi.json")).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(spec.openapi).toBe("3.1.0");
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(["/healthz", "/readyz"]));
    const page = await (await app.request("/docs")).text();
    expect(page).toContain("/docs/assets/swagger-ui-bundle.js");
    expect(page).not.toMatch(/https?:\/\/(cdn|unpkg)/);
    const bundle = await app.request("/docs/assets/swagger-ui-bundle.js");
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
  });
});
