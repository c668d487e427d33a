// Every route under /staff that any module registers in createApp (queue, reports, FAQ, outbox,
// Telegram linking …) is behind the dashboard login: found from the app's own route table, so a
// page added later is covered without editing this test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import { loadConfig } from "../../api/config.js";
import { createLogger } from "../../api/logger.js";
import type { App } from "../../api/app-env.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { createTestSearch } from "../support/test-search.js";

const PUBLIC = new Set(["/staff/login", "/staff/lang", "/staff/assets/dashboard.css"]);
let test: TestDatabase;
let app: App;

beforeAll(async () => {
  test = await createTestDatabase();
  app = createApp({ db: test.db, search: createTestSearch(), config: loadConfig({ DATA_DIR: "./data/test" }), log: createLogger({ level: "silent" }) });
});

afterAll(async () => {
  await test?.drop();
});

describe("every dashboard route in the real app", () => {
  it("answers 401 without a session (and a browser is sent to the login page), for GET and POST alike", async () => {
    const routes = app.routes
      .filter((r) => r.path.startsWith("/staff") && r.method !== "ALL" && !PUBLIC.has(r.path))
      .map((r) => ({ method: r.method, path: r.path.replace(/:[A-Za-z]+(\{[^}]*\})?/g, "1") }));
    expect(routes.length).toBeGreaterThan(10);
    for (const { method, path } of routes) {
      const init = method === "GET" ? {} : { method, body: "x=1", headers: { "content-type": "application/x-www-form-urlencoded" } };
      const api = await app.request(path, init);
      expect(api.status, `${method} ${path}`).toBe(401);
      const browser = await app.request(path, { ...init, headers: { ...(init.headers ?? {}), accept: "text/html" } });
      expect(browser.status, `${method} ${path} (browser)`).toBe(303);
      expect(browser.headers.get("location"), `${method} ${path}`).toMatch(/^\/staff\/login/);
    }
  });
});
