import { OpenAPIHono } from "@hono/zod-openapi";
import type { App, AppEnv } from "./app-env.js";
import type { Config } from "./config.js";
import type { Db } from "./db/prisma.js";
import type { RawSql } from "./db/raw-sql.js";
import { errorResponse } from "./http-errors.js";
import type { Logger } from "./logger.js";
import { requestContext } from "./middleware/request-context.js";
import { createCatalogueService, type CatalogueService } from "./catalogue/search-catalogue.js";
import type { DialogEngine, DialogFeature } from "./dialog/engine.js";
import { registerCatalogueRoutes } from "./routes/catalogue.js";
import { registerDialogRoutes } from "./routes/dialog.js";
import { registerDocsRoutes } from "./routes/docs.js";
import { loadLessonCatalog } from "./lessons/lesson-catalog.js";
import { createLessonFeature, type LessonFeature } from "./lessons/lesson-feature.js";
import { createResearchFeatureFromConfig } from "./research/research-feature.js";
import { registerCertificateRoutes } from "./routes/certificates.js";
import { registerLessonStatsRoutes } from "./routes/lesson-stats.js";
import { registerHealthRoutes, type ChannelStatusProvider } from "./routes/health.js";
import { createOutboxServiceFromConfig, type OutboxService } from "./outbox/outbox-service.js";
import { createEscalationFeature } from "./inbox/escalation-feature.js";
import { createTicketService } from "./inbox/ticket-service.js";
import type { TicketService } from "./inbox/ticket-types.js";
import { createAuditLog } from "./inbox/audit-log.js";
import { createStaffGroup } from "./inbox/staff-group.js";
import { createStaffTelegram, type StaffTelegram } from "./inbox/staff-telegram.js";
import { registerOutboxRoutes } from "./routes/outbox.js";
import { registerStaffGroupRoutes } from "./routes/staff-group.js";
import { registerDashboard } from "./dashboard/register-dashboard.js";
import { createFaq } from "./faq/create-faq.js";
import { createFaqFeature } from "./faq/faq-feature.js";
import { createFaqComposer } from "./faq/faq-composer.js";
import type { LlmClient } from "./llm/llm-client.js";
import { loadPrompts } from "./llm/prompts.js";
import { registerFaqPages } from "./faq/faq-pages.js";
import type { FaqService } from "./faq/faq-types.js";
import { registerReportingPages } from "./dashboard/register-reporting.js";
import { registerWhatsAppPages } from "./dashboard/whatsapp-pages.js";
import { registerTelegramAccountPages } from "./dashboard/telegram-account-pages.js";
import { registerWhatsAppAdminRoutes, type WhatsAppAdminDeps } from "./routes/whatsapp-admin.js";
import { registerTelegramWebhook, type TelegramWebhookDeps } from "./routes/telegram-webhook.js";
import { validationHook } from "./validation.js";
import { createCatalogueIndex, type CatalogueIndex } from "../search/catalogue-index.js";
import { createImportJobs, type ImportJobs } from "./catalogue/import/import-jobs.js";
import { IMPORT_PATH, importUploadLimit, registerImportPages } from "./dashboard/import-pages.js";
import type { SearchBackend } from "../search/search-client.js";
import { createKeyedLock } from "./dialog/keyed-lock.js";

/** `catalogue` defaults to one built from db and search (main.ts passes its own, already made ready). */
export type AppDeps = {
  db: Db;
  /** Runs the dialog engine's per-turn statements (main.ts passes node-postgres directly); defaults to Prisma. */
  sql?: RawSql;
  search: SearchBackend;
  config: Config;
  log: Logger;
  catalogue?: CatalogueService;
  /** The search index behind `catalogue` (main.ts passes its own); dashboard imports update it. */
  catalogueIndex?: CatalogueIndex;
  /** Catalogue imports from the dashboard; defaults to one over db and catalogueIndex (main.ts passes one with the database URL). */
  imports?: ImportJobs;
  /** Set when the Telegram bot runs in webhook mode (main.ts passes the bot's update handler). */
  telegramWebhook?: TelegramWebhookDeps;
  /** The dialog engine behind POST /v1/messages; defaults to one built from db, catalogue and config. */
  dialog?: DialogEngine;
  /** Features that add intents to the default engine (lessons, escalation, citations). */
  dialogFeatures?: DialogFeature[];
  /** Lessons in the chat, certificates and their stats; defaults to one over prompts/lessons. */
  lessons?: LessonFeature;
  /** Citations, reference lists, research guidance and the optional LLM; defaults to one from config. */
  research?: DialogFeature;
  /** The outbox behind /v1/outbox/*; defaults to one built from db and the OUTBOX_* config. */
  outbox?: OutboxService;
  /** The librarian inbox (escalation in the chat, dashboard, staff group); defaults to one over db and the outbox. */
  tickets?: TicketService;
  /** Telegram account links of staff (link codes, who replied in the staff group); defaults to one over db. */
  staffTelegram?: StaffTelegram;
  /** FAQ entries (dashboard pages, answers in the chat); defaults to one over db and search, built without waiting for its index. */
  faq?: FaqService;
  /** Channel status for /readyz (WhatsApp when WHATSAPP_ENABLED). */
  channels?: ChannelStatusProvider;
  /** The WhatsApp pairing page; main.ts passes it (it reads the worker's status row). */
  whatsappAdmin?: WhatsAppAdminDeps;
};

/** Builds the Hono app with every route mounted; all dependencies come in as arguments. */
export function createApp(deps: AppDeps): App {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use("*", requestContext(deps.log));
  registerHealthRoutes(app, deps);
  const catalogueIndex = deps.catalogueIndex ?? createCatalogueIndex({ db: deps.db, search: deps.search, log: deps.log });
  const catalogue = deps.catalogue ?? createCatalogueService({ db: deps.db, search: deps.search, index: catalogueIndex, log: deps.log });
  registerCatalogueRoutes(app, { catalogue });
  const lessons = deps.lessons ?? createLessonFeature({ db: deps.db, catalog: loadLessonCatalog({ log: deps.log }), log: deps.log, publicUrl: deps.config.PUBLIC_URL });
  const research = deps.research ?? createResearchFeatureFromConfig({ db: deps.db, catalogue, search: deps.search, config: deps.config, log: deps.log });
  const outbox = deps.outbox ?? createOutboxServiceFromConfig(deps.db, deps.config);
  // One ticket service for the chat, the dashboard and the staff group: routes registered below get this instance.
  // One per-user lock for the engine's turns and the rating marker the inbox writes into the same state.
  const userLock = createKeyedLock();
  const tickets = deps.tickets ?? createTicketService({ db: deps.db, outbox, log: deps.log, userLock });
  const escalation = createEscalationFeature({ tickets });
  const faq = deps.faq ?? createFaq({ db: deps.db, search: deps.search, log: deps.log });
  // The research feature owns the language model when one is configured; composed FAQ answers share its client and budget.
  const faqFeature = createFaqFeature({ faq, log: deps.log, compose: createFaqComposer({ llm: (research as { llm?: LlmClient }).llm, prompts: loadPrompts() }) });
  registerDialogRoutes(app, { db: deps.db, sql: deps.sql, catalogue, config: deps.config, log: deps.log, dialog: deps.dialog, outbox, userLock, features: [lessons, research, escalation, faqFeature, ...(deps.dialogFeatures ?? [])] });
  registerCertificateRoutes(app, { certificates: lessons.certificates, timeZone: lessons.timeZone });
  registerLessonStatsRoutes(app, { db: deps.db, catalog: lessons.catalog, serviceToken: deps.config.SERVICE_TOKEN });
  registerOutboxRoutes(app, { outbox, serviceToken: deps.config.SERVICE_TOKEN });
  // The Telegram staff group's API (the bot posts tickets and forwards replies) and account linking.
  const staffTelegram = deps.staffTelegram ?? createStaffTelegram({ db: deps.db, audit: createAuditLog(deps.db) });
  registerStaffGroupRoutes(app, { staffGroup: createStaffGroup({ db: deps.db, tickets, staffTelegram }), staffTelegram, serviceToken: deps.config.SERVICE_TOKEN });
  // Before the dashboard's guard, which reads the whole form for its CSRF field: an oversized upload is refused unread.
  const importMaxBytes = Math.floor(deps.config.IMPORT_MAX_MB * 1024 * 1024);
  app.use(IMPORT_PATH, importUploadLimit({ maxBytes: importMaxBytes }));
  // The librarian dashboard under /staff; pages of other modules are registered after it (behind its login).
  registerDashboard(app, { db: deps.db, config: deps.config, log: deps.log, tickets });
  registerFaqPages(app, { faq });
  registerTelegramAccountPages(app, { db: deps.db, staffTelegram, staffGroupConfigured: deps.config.TELEGRAM_STAFF_CHAT_ID !== undefined });
  registerReportingPages(app, { db: deps.db, outbox, lessons: lessons.catalog, timeZone: lessons.timeZone });
  registerWhatsAppPages(app, deps.whatsappAdmin ?? null);
  const imports = deps.imports ?? createImportJobs({ db: deps.db, log: deps.log, audit: createAuditLog(deps.db), index: catalogueIndex });
  registerImportPages(app, { db: deps.db, imports, maxBytes: importMaxBytes, timeZone: lessons.timeZone });
  if (deps.whatsappAdmin) registerWhatsAppAdminRoutes(app, deps.whatsappAdmin);
  registerDocsRoutes(app);
  if (deps.telegramWebhook) registerTelegramWebhook(app, deps.telegramWebhook);
  app.notFound((c) => c.json({ error: "not_found", message: `No route for ${c.req.method} ${c.req.path}` }, 404));
  app.onError(errorResponse);
  return app;
}
