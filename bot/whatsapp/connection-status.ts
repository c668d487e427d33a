// The WhatsApp worker's connection and pairing status, kept in one PostgreSQL row so the admin
// page and /readyz of the service show it whether the worker runs in the same process or alone.
import type { Db } from "../../api/db/prisma.js";

export type ConnectionStatusName =
  | "connecting"
  | "pairing"
  | "open"
  | "reconnecting"
  | "logged_out"
  | "pairing_expired"
  | "replaced"
  | "stopped";

export type ConnectionStatus = {
  status: ConnectionStatusName;
  qr: string | null;
  pairingCode: string | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  connectedAt: Date | null;
  pairingRequestedAt: Date | null;
  updatedAt: Date;
};

export type ConnectionStatusPatch = Partial<Omit<ConnectionStatus, "updatedAt" | "pairingRequestedAt">> & { status: ConnectionStatusName };

export type ConnectionStatusStore = {
  read(): Promise<ConnectionStatus | null>;
  /** Replaces the status; fields not given keep their value, except qr and pairingCode, which clear. */
  write(patch: ConnectionStatusPatch): Promise<void>;
  /** Asks the worker for a new pairing (admin page, after the QR expired). */
  requestPairing(at: Date): Promise<void>;
  /** Takes a pending pairing request, once. */
  takePairingRequest(): Promise<boolean>;
};

const ID = "default";

/** Creates the one-row status store. */
export function createConnectionStatusStore(db: Db): ConnectionStatusStore {
  return {
    async read() {
      const row = await db.whatsAppConnection.findUnique({ where: { id: ID } });
      return row ? { ...row, status: row.status as ConnectionStatusName } : null;
    },
    async write(patch) {
      const data = { qr: null, pairingCode: null, ...patch };
      await db.whatsAppConnection.upsert({ where: { id: ID }, create: { id: ID, ...data }, update: data });
    },
    async requestPairing(at) {
      await db.whatsAppConnection.upsert({ where: { id: ID }, create: { id: ID, status: "pairing_expired", pairingRequestedAt: at }, update: { pairingRequestedAt: at } });
    },
    async takePairingRequest() {
      const { count } = await db.whatsAppConnection.updateMany({ where: { id: ID, pairingRequestedAt: { not: null } }, data: { pairingRequestedAt: null } });
      return count > 0;
    },
  };
}
