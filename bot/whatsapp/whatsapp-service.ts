// How `npm start` runs WhatsApp inside the service (WHATSAPP_ENABLED=true): the worker talks to
// the Hono app in-process, with the service token, exactly as the standalone worker does over HTTP.
import type { Config } from "../../api/config.js";
import type { Db } from "../../api/db/prisma.js";
import type { Logger } from "../../api/logger.js";
import { createInProcessClient, type InProcessApp } from "../client.js";
import { createInProcessOutboxClient } from "../outbox-client.js";
import { claimWhatsAppSession } from "./single-instance.js";
import { createWhatsAppWorker, type WhatsAppConfig } from "./start-whatsapp.js";

export type RunningWhatsApp = { banner: string; stop(): Promise<void> };

/** Starts the WhatsApp worker in this process; another running worker makes it step aside. */
export async function startWhatsAppInProcess(opts: {
  db: Db;
  databaseUrl: string;
  config: WhatsAppConfig & Pick<Config, "SERVICE_TOKEN">;
  log: Logger;
  app: InProcessApp;
  terminal?: (text: string) => void;
}): Promise<RunningWhatsApp> {
  const lock = await claimWhatsAppSession(opts.databaseUrl);
  if (!lock) {
    opts.log.error("another WhatsApp worker is connected with this database's session; not starting one here");
    return { banner: "NOT STARTED - another WhatsApp worker (npm run start:whatsapp?) holds the session", stop: async () => undefined };
  }
  const client = createInProcessClient(opts.app, { serviceToken: opts.config.SERVICE_TOKEN });
  const worker = createWhatsAppWorker({
    db: opts.db,
    config: opts.config,
    log: opts.log,
    send: (msg) => client.postMessage(msg),
    outbox: createInProcessOutboxClient(opts.app, { serviceToken: opts.config.SERVICE_TOKEN }),
    ...(opts.terminal ? { terminal: opts.terminal } : {}),
  });
  try {
    await worker.start();
  } catch (err) {
    await lock.release();
    throw err;
  }
  const paired = worker.manager.state() !== "pairing";
  return {
    banner: paired ? "connecting with the stored session (status: /admin/whatsapp)" : "not paired yet - scan the QR code at /admin/whatsapp or in this terminal",
    async stop() {
      try {
        await worker.stop();
      } finally {
        await lock.release();
      }
    },
  };
}
