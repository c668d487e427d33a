// Mounts the reports, lesson statistics and failed-outbox pages. Call after registerDashboard
// (its guard must run first: it sets the session and checks CSRF on every POST under /staff).
import type { Hono } from "hono";
import type { Db } from "../db/prisma.js";
import { systemClock, type Clock } from "../dialog/clock.js";
import { createAuditLog, type AuditLog } from "../inbox/audit-log.js";
import { DEFAULT_REPORT_TIME_ZONE } from "../inbox/report-range.js";
import { foldStopWords } from "../inbox/report-topics.js";
import { createReportService, type ReportService } from "../inbox/reports.js";
import type { LessonCatalog } from "../lessons/lesson-catalog.js";
import type { OutboxService } from "../outbox/outbox-service.js";
import { loadVocabulary } from "../../search/vocabulary.js";
import { registerLessonStatsPages } from "./lesson-stats-pages.js";
import { registerOutboxPages } from "./outbox-pages.js";
import { registerReportPages } from "./report-pages.js";

export type ReportingPagesDeps = {
  db: Db;
  outbox: OutboxService;
  lessons: LessonCatalog;
  clock?: Clock;
  /** Defaults to one over db with the stop words of search/vocabulary. */
  reports?: ReportService;
  /** Search stop words, left out of the unanswered-topic keywords; default: search/vocabulary. */
  stopWords?: Iterable<string>;
  /** Where the outbox retry is recorded; defaults to one over db. */
  audit?: AuditLog;
  /** Zone of times on the outbox page (default Asia/Makassar, Branch.timezone's default). */
  timeZone?: string;
};

/** GET /staff/reports (+ CSV), GET /staff/lessons, GET /staff/outbox + POST retry. */
export function registerReportingPages(app: Hono<any>, deps: ReportingPagesDeps): { reports: ReportService } { // eslint-disable-line @typescript-eslint/no-explicit-any
  const clock = deps.clock ?? systemClock;
  const reports =
    deps.reports ?? createReportService({ db: deps.db, stopWords: foldStopWords(deps.stopWords ?? loadVocabulary().stopWords), now: () => clock.now() });
  registerReportPages(app, { db: deps.db, reports, clock });
  registerLessonStatsPages(app, { db: deps.db, catalog: deps.lessons });
  registerOutboxPages(app, { outbox: deps.outbox, audit: deps.audit ?? createAuditLog(deps.db), timeZone: deps.timeZone ?? DEFAULT_REPORT_TIME_ZONE });
  return { reports };
}
