// Baileys auth state in PostgreSQL instead of files: the creds and every signal key are rows of
// WhatsAppAuthKey, serialised with Baileys' BufferJSON so binary keys survive. A restarted
// process (or another machine with the same database) continues the session without pairing.
import type { AuthenticationCreds, AuthenticationState, SignalDataSet, SignalDataTypeMap, SignalKeyStore } from "@whiskeysockets/baileys";
import { BufferJSON, initAuthCreds, makeCacheableSignalKeyStore, proto } from "@whiskeysockets/baileys";
import type { Db } from "../../api/db/prisma.js";

const CREDS_TYPE = "creds";
const CREDS_ID = "default";

// Two writers touching the same keys in a different order can deadlock; PostgreSQL then aborts
// one of them, which simply tries again.
const DEADLOCK = "40P01";
const WRITE_TRIES = 4;

export type AuthStateLogger = Parameters<typeof makeCacheableSignalKeyStore>[1];

export type LoadedAuthState = {
  /** Creds plus the key store wrapped in Baileys' cache, ready for makeWASocket({ auth }). */
  state: AuthenticationState;
  /** Persists `state.creds`; call it on every `creds.update`. */
  saveCreds(): Promise<void>;
};

export type AuthStateStore = {
  /** The stored session, or fresh creds when there is none (a QR pairing follows). */
  load(logger?: AuthStateLogger): Promise<LoadedAuthState>;
  /** The raw PostgreSQL key store (no cache), as Baileys' SignalKeyStore. */
  keys: SignalKeyStore;
  /** Whether a paired session is stored. */
  hasSession(): Promise<boolean>;
  /** Deletes creds and keys: the next load starts a new pairing. */
  clear(): Promise<void>;
};

export const serialize = (value: unknown): string => JSON.stringify(value, BufferJSON.replacer);
export const deserialize = <T>(text: string): T => JSON.parse(text, BufferJSON.reviver) as T;

function isDeadlock(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string; originalCode?: string }; meta?: { code?: string } } | null;
  const text = String((err as Error | null)?.message ?? "");
  return e?.code === DEADLOCK || e?.cause?.code === DEADLOCK || e?.cause?.originalCode === DEADLOCK || e?.meta?.code === DEADLOCK || text.includes("deadlock");
}

/** Creates the PostgreSQL-backed auth state store. */
export function createAuthStateStore(db: Db): AuthStateStore {
  const keys: SignalKeyStore = {
    async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
      const out: { [id: string]: SignalDataTypeMap[T] } = {};
      if (ids.length === 0) return out;
      const rows = await db.whatsAppAuthKey.findMany({ where: { type, id: { in: ids } }, select: { id: true, value: true } });
      for (const row of rows) {
        let value: unknown = deserialize(row.value);
        // Stored as plain JSON; Baileys needs the protobuf object back for app state sync keys.
        if (type === "app-state-sync-key" && value) value = proto.Message.AppStateSyncKeyData.fromObject(value as Record<string, unknown>);
        out[row.id] = value as SignalDataTypeMap[T];
      }
      return out;
    },

    async set(data: SignalDataSet) {
      const upserts: { type: string; id: string; value: string }[] = [];
      const deletes: { type: string; id: string }[] = [];
      for (const type of Object.keys(data) as (keyof SignalDataTypeMap)[]) {
        for (const [id, value] of Object.entries(data[type] ?? {})) {
          if (value === null || value === undefined) deletes.push({ type, id });
          else upserts.push({ type, id, value: serialize(value) });
        }
      }
      if (upserts.length === 0 && deletes.length === 0) return;
      const order = (a: { type: string; id: string }, b: { type: string; id: string }) => (a.type === b.type ? (a.id < b.id ? -1 : 1) : a.type < b.type ? -1 : 1);
      upserts.sort(order);
      deletes.sort(order);
      const statements = [];
      if (upserts.length > 0) {
        statements.push(
          db.$executeRawUnsafe(
            `INSERT INTO "WhatsAppAuthKey" ("type", "id", "value", "updatedAt")
             SELECT t, i, v, now() AT TIME ZONE 'UTC' FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS x(t, i, v, n) ORDER BY n
             ON CONFLICT ("type", "id") DO UPDATE SET "value" = EXCLUDED."value", "updatedAt" = EXCLUDED."updatedAt"`,
            upserts.map((u) => u.type),
            upserts.map((u) => u.id),
            upserts.map((u) => u.value),
          ),
        );
      }
      if (deletes.length > 0) {
        statements.push(
          db.$executeRawUnsafe(
            `DELETE FROM "WhatsAppAuthKey" k USING unnest($1::text[], $2::text[]) AS x(t, i) WHERE k."type" = x.t AND k."id" = x.i`,
            deletes.map((d) => d.type),
            deletes.map((d) => d.id),
          ),
        );
      }
      for (let attempt = 1; ; attempt++) {
        try {
          await db.$transaction(statements.map((s) => s));
          return;
        } catch (err) {
          if (attempt >= WRITE_TRIES || !isDeadlock(err)) throw err;
        }
      }
    },

    async clear() {
      await db.whatsAppAuthKey.deleteMany({ where: { type: { not: CREDS_TYPE } } });
    },
  };

  const saveCredsRow = async (creds: AuthenticationCreds) => {
    const value = serialize(creds);
    await db.whatsAppAuthKey.upsert({
      where: { type_id: { type: CREDS_TYPE, id: CREDS_ID } },
      create: { type: CREDS_TYPE, id: CREDS_ID, value },
      update: { value },
    });
  };

  return {
    keys,
    async load(logger) {
      const row = await db.whatsAppAuthKey.findUnique({ where: { type_id: { type: CREDS_TYPE, id: CREDS_ID } } });
      const creds: AuthenticationCreds = row ? deserialize<AuthenticationCreds>(row.value) : initAuthCreds();
      const state: AuthenticationState = { creds, keys: makeCacheableSignalKeyStore(keys, logger) };
      return { state, saveCreds: () => saveCredsRow(state.creds) };
    },
    async hasSession() {
      const row = await db.whatsAppAuthKey.findUnique({ where: { type_id: { type: CREDS_TYPE, id: CREDS_ID } }, select: { value: true } });
      if (!row) return false;
      const creds = deserialize<Partial<AuthenticationCreds>>(row.value);
      return Boolean(creds.me?.id);
    },
    async clear() {
      await db.whatsAppAuthKey.deleteMany({});
    },
  };
}
