import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import type { App } from "../app-env.js";

const ASSETS: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-ui-standalone-preset.js": "text/javascript; charset=utf-8",
  "favicon-32x32.png": "image/png",
};

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tanya Pustaka API</title><link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/swagger-init.js"></script></body></html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });`;

/** /openapi.json from the route schemas, and Swagger UI served from the local swagger-ui-dist package. */
export function registerDocsRoutes(app: App): void {
  const dist = path.dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: { title: "Tanya Pustaka API", version: "0.1.0", description: "Catalogue, conversation and librarian services." },
  });
  app.get("/docs", (c) => c.html(PAGE));
  app.get("/docs/assets/swagger-init.js", (c) => c.body(INIT, 200, { "content-type": "text/javascript; charset=utf-8" }));
  app.get("/docs/assets/:file", (c) => {
    const file = c.req.param("file");
    const type = ASSETS[file];
    if (!type) return c.json({ error: "not_found", message: "no such asset" }, 404);
    const body = fs.readFileSync(path.join(dist, file));
    return c.body(body, 200, { "content-type": type, "cache-control": "public, max-age=86400" });
  });
}
