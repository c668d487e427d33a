import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Logger } from "./logger.js";

/** Per-request values every handler can read. */
export type AppEnv = { Variables: { requestId: string; log: Logger } };

export type App = OpenAPIHono<AppEnv>;
