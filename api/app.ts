import { OpenAPIHono } from "@hono/zod-openapi";
import type { App, AppEnv } from "./app-env.js";
import type { Config } from "./config.js";
import type { Db } from "./db/prisma.js";
import { errorResponse } from "./http-errors.js";
import type { Logger } from "./logger.js";
import { requestContext } from "./middleware/request-context.js";
import { registerDocsRoutes } from "./routes/docs.js";
import { registerHealthRoutes } from "./routes/health.js";
import { validationHook } from "./validation.js";
import type { SearchBackend } from "../search/search-client.js";

export type AppDeps = { db: Db; search: SearchBackend; config: Config; log: Logger };

/** Builds the Hono app with every route mounted; all dependencies come in as arguments. */
export function createApp(deps: AppDeps): App {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use("*", requestContext(deps.log));
  registerHealthRoutes(app, deps);
  registerDocsRoutes(app);
  app.notFound((c) => c.json({ error: "not_found", message: `No route for ${c.req.method} ${c.req.path}` }, 404));
  app.onError(errorResponse);
  return app;
}
