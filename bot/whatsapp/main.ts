// `npm run start:whatsapp`: the WhatsApp worker on its own, next to a service elsewhere. It talks
// to the service over HTTP (API_URL, SERVICE_TOKEN) for messages and the outbox, and keeps the
// WhatsApp session in the service's PostgreSQL (DATABASE_URL), never in files.
import { createDb } from "../../api/db/prisma.js";
import { CleanupStack } from "../../api/lib/cleanup-stack.js";
import { createLogger } from "../../api/logger.js";
import { createHttpClient } from "../client.js";
import { fail, loadConfigOrExit, stopOnSignals } from "../standalone.js";
import { createHttpOutboxClient } from "../outbox-client.js";
import { safeError } from "./safe-error.js";
import { claimWhatsAppSession } from "./single-instance.js";
import { createWhatsAppWorker } from "./start-whatsapp.js";

const config = loadConfigOrExit();
if (!config.API_URL) fail("API_URL: must be set to the service's URL (e.g. http://127.0.0.1:3000) for npm run start:whatsapp");
if (!config.DATABASE_URL) fail("DATABASE_URL: must be set to the service's PostgreSQL; the WhatsApp session is stored there");
if (!config.SERVICE_TOKEN) process.stderr.write("warning: SERVICE_TOKEN is not set; the service must then accept calls without a token\n");

const log = createLogger({ level: config.LOG_LEVEL });
const lock = await claimWhatsAppSession(config.DATABASE_URL);
if (!lock) fail("Another WhatsApp worker (or npm start with WHATSAPP_ENABLED=true) is already connected with this session.");
const db = createDb(config.DATABASE_URL, { max: 4 });
const api = createHttpClient({ apiUrl: config.API_URL, serviceToken: config.SERVICE_TOKEN });
const worker = createWhatsAppWorker({
  db,
  config,
  log,
  send: (msg) => api.postMessage(msg),
  outbox: createHttpOutboxClient({ apiUrl: config.API_URL, serviceToken: config.SERVICE_TOKEN }),
  terminal: (text) => process.stdout.write(text),
});

const cleanup = new CleanupStack();
cleanup.push("database pool", () => db.$disconnect());
cleanup.push("session lock", () => lock.release());
cleanup.push("WhatsApp worker", () => worker.stop());
const stop = stopOnSignals(cleanup, config.SHUTDOWN_TIMEOUT_MS, (part, err) => log.error({ err: safeError(err), part }, "error while stopping"));

try {
  await worker.start();
  process.stdout.write(`\n  Tanya Pustaka WhatsApp worker: service ${config.API_URL}, status ${worker.manager.state()}   stop: Ctrl-C\n\n`);
} catch (err) {
  log.error({ err: safeError(err) }, "WhatsApp worker could not start");
  process.stderr.write(`WhatsApp worker could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  await stop(1);
}
