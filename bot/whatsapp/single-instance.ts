// One WhatsApp worker per session: two processes with the same creds keep kicking each other off
// (WhatsApp closes the older one with 440 "replaced"). A PostgreSQL advisory lock held on its own
// connection for the worker's lifetime makes the second one refuse to start instead.
import pg from "pg";

// Any fixed number; it only has to differ from the migration lock's.
const LOCK_KEY = 82_736_451;

export type InstanceLock = { release(): Promise<void> };

/** Takes the lock, or returns null when another worker holds it. */
export async function claimWhatsAppSession(databaseUrl: string): Promise<InstanceLock | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [LOCK_KEY]);
  if (!rows[0]?.locked) {
    await client.end();
    return null;
  }
  // A dropped connection drops the lock; the worker keeps running, a second one could then start.
  client.on("error", () => undefined);
  return {
    async release() {
      try {
        await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]);
      } finally {
        await client.end().catch(() => undefined);
      }
    },
  };
}
