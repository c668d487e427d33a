// How the service shows the WhatsApp worker: /readyz channel status and the pairing page, both
// read from the status row, so this file needs no Baileys and the service can import it.
import type { Config } from "../../api/config.js";
import type { ChannelHealth } from "../../api/routes/health.js";
import type { WhatsAppAdminDeps } from "../../api/routes/whatsapp-admin.js";
import type { ConnectionStatusStore } from "./connection-status.js";

/** The WhatsApp entry of /readyz. */
export async function whatsappChannelHealth(store: Pick<ConnectionStatusStore, "read">): Promise<ChannelHealth> {
  const row = await store.read();
  if (!row) return { status: "not_started", connected: false, lastError: null };
  return { status: row.status, connected: row.status === "open", lastError: row.lastError };
}

/** What the pairing page needs: the status row, a way to ask for a new QR code, and who may see it. */
export function whatsappAdminDeps(store: ConnectionStatusStore, config: Pick<Config, "ADMIN_TOKEN" | "SERVICE_TOKEN" | "HOST">): WhatsAppAdminDeps {
  return {
    status: () => store.read(),
    requestPairing: () => store.requestPairing(new Date()),
    tokens: [config.ADMIN_TOKEN, config.SERVICE_TOKEN].filter((t): t is string => Boolean(t)),
    host: config.HOST,
  };
}
