import crypto from "node:crypto";
import type { App } from "../app-env.js";
import type { Config } from "../config.js";
import type { Db } from "../db/prisma.js";
import type { RawSql } from "../db/raw-sql.js";
import { systemClock, type Clock } from "../dialog/clock.js";
import { createDialogEngine, type DialogEngine, type DialogFeature } from "../dialog/engine.js";
import type { CataloguePort } from "../dialog/ports.js";
import { createRateLimiter } from "../dialog/rate-limit.js";
import { createI18n, type I18n } from "../i18n/messages.js";
import type { Logger } from "../logger.js";
import { createChatTokens } from "../web/chat-token.js";
import type { OutboxService } from "../outbox/outbox-service.js";
import { registerChatInbox } from "./chat-inbox.js";
import { registerChatPage } from "./chat-page.js";
import { registerMessageRoutes } from "./messages.js";
import type { KeyedLock } from "../dialog/keyed-lock.js";

export type DialogRouteDeps = {
  db: Db;
  /** For the engine's per-turn statements (DialogEngineDeps.sql). */
  sql?: RawSql;
  catalogue: CataloguePort;
  config: Config;
  log: Logger;
  /** Tests pass an engine built with their own clock or features. */
  dialog?: DialogEngine;
  features?: DialogFeature[];
  clock?: Clock;
  i18n?: I18n;
  /** With it, the web chat polls GET /v1/chat/inbox for messages sent later (librarian answers). */
  outbox?: OutboxService;
  /** The engine's per-user lock, shared with the ticket service. */
  userLock?: KeyedLock;
};

/** POST /v1/messages and the web chat (GET /chat), sharing one engine; returns the engine for in-process use. */
export function registerDialogRoutes(app: App, deps: DialogRouteDeps): DialogEngine {
  const clock = deps.clock ?? systemClock;
  const i18n = deps.i18n ?? createI18n();
  const dialog = deps.dialog ?? createDialogEngine({ db: deps.db, sql: deps.sql, catalogue: deps.catalogue, config: deps.config, log: deps.log, clock, i18n, features: deps.features, userLock: deps.userLock });
  if (!deps.config.WEB_CHAT_SECRET && deps.config.NODE_ENV === "production") {
    deps.log.warn("WEB_CHAT_SECRET is not set: web chat tokens are signed with a random key and stop working at every restart (pages renew them)");
  }
  const chatTokens = createChatTokens({ secret: deps.config.WEB_CHAT_SECRET ?? crypto.randomBytes(32).toString("hex"), clock });
  const webIpLimiter = createRateLimiter({ limit: deps.config.WEB_CHAT_IP_LIMIT, windowMs: deps.config.RATE_LIMIT_WINDOW_SECONDS * 1000, clock });
  registerMessageRoutes(app, { dialog, serviceToken: deps.config.SERVICE_TOKEN, chatTokens, webIpLimiter });
  registerChatPage(app, { i18n, chatTokens, retentionDays: deps.config.MESSAGE_RETENTION_DAYS });
  if (deps.outbox) registerChatInbox(app, { outbox: deps.outbox, chatTokens });
  return dialog;
}
