import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { processesMentioning, startService, waitFor } from "../support/service-process.js";
import { createEmptyDatabase } from "../support/test-database.js";

const dirs: string[] = [];
function dataDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "tp-life-"));
  fs.chmodSync(d, 0o755);
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) {
    for (const pid of processesMentioning(d)) process.kill(pid, "SIGKILL");
    fs.rmSync(d, { recursive: true, force: true });
  }
});

async function ready(port: number): Promise<{ status: number; body: unknown }> {
  return waitFor(
    async () => {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`);
        if (res.status === 200) return { status: res.status, body: await res.json() };
      } catch {
        /* not listening yet */
      }
      return undefined;
    },
    60_000,
    () => "service never became ready",
  );
}

const embedded = { DATABASE_URL: undefined, MEILI_URL: undefined, MEILI_API_KEY: undefined, PORT: "0", SEED_DEMO: "false" };

describe("the service on a fresh machine", () => {
  it("starts embedded PostgreSQL and Meilisearch under DATA_DIR, becomes ready, and SIGTERM leaves no child behind", async () => {
    const dir = dataDir();
    const svc = startService({ ...embedded, DATA_DIR: dir });
    const port = await svc.port();
    expect(await ready(port)).toEqual({ status: 200, body: { postgres: "ok", meilisearch: "ok" } });
    expect(svc.output()).toMatch(/PostgreSQL:\s+embedded/);
    expect(svc.output()).toMatch(/Meilisearch:\s+embedded/);
    expect(fs.existsSync(path.join(dir, "postgres", "PG_VERSION"))).toBe(true);
    expect(fs.existsSync(path.join(dir, "meili"))).toBe(true);
    expect(processesMentioning(dir).length).toBeGreaterThanOrEqual(2);

    svc.child.kill("SIGTERM");
    expect(await svc.exited).toBe(0);
    expect(processesMentioning(dir)).toEqual([]);
  });

  it("starts again after a crash that left PostgreSQL and Meilisearch running with their pid files", async () => {
    const dir = dataDir();
    const first = startService({ ...embedded, DATA_DIR: dir });
    await ready(await first.port());
    // A crash of the service process itself (tsx runs it as its own child): no cleanup code runs.
    const servicePid = Number(fs.readFileSync(path.join(dir, "instance.pid"), "utf8"));
    process.kill(servicePid, "SIGKILL");
    await first.exited;
    expect(processesMentioning(dir).length).toBeGreaterThanOrEqual(2); // orphans are still there

    const second = startService({ ...embedded, DATA_DIR: dir });
    expect((await ready(await second.port())).status).toBe(200);
    second.child.kill("SIGINT");
    expect(await second.exited).toBe(0);
    expect(processesMentioning(dir)).toEqual([]);
  }, 150_000);

  it("the first start seeds the demo library, so a resident can find Laskar Pelangi right away", async () => {
    const dir = dataDir();
    const db = await createEmptyDatabase();
    const svc = startService({ DATA_DIR: dir, PORT: "0", SEED_DEMO: undefined, DATABASE_URL: db.url, MEILI_URL: inject("meiliUrl"), MEILI_API_KEY: inject("meiliKey"), MEILI_INDEX_PREFIX: `seed${Date.now()}_` });
    const port = await svc.port();
    expect((await ready(port)).status).toBe(200);
    expect(svc.output()).toMatch(/demo data:\s+349 books/);
    const res = await fetch(`http://127.0.0.1:${port}/v1/catalogue/search?q=laskar%20pelangi`);
    const body = (await res.json()) as { hits: { title: string; authors: string[] }[]; degraded: boolean };
    expect(body.degraded).toBe(false);
    expect(body.hits[0]).toMatchObject({ title: "Laskar Pelangi" });
    svc.child.kill("SIGTERM");
    expect(await svc.exited).toBe(0);
    await db.drop();
  }, 150_000);

  it("two instances with their own DATA_DIR and PORT run side by side", async () => {
    const [dirA, dirB] = [dataDir(), dataDir()];
    const a = startService({ ...embedded, DATA_DIR: dirA });
    const b = startService({ ...embedded, DATA_DIR: dirB });
    const [portA, portB] = await Promise.all([a.port(), b.port()]);
    expect(portA).not.toBe(portB);
    const [ra, rb] = await Promise.all([ready(portA), ready(portB)]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    a.child.kill("SIGTERM");
    b.child.kill("SIGTERM");
    expect(await Promise.all([a.exited, b.exited])).toEqual([0, 0]);
    expect([...processesMentioning(dirA), ...processesMentioning(dirB)]).toEqual([]);
  }, 150_000);

  it("with DATABASE_URL and MEILI_URL set it starts nothing embedded", async () => {
    const dir = dataDir();
    const db = await createEmptyDatabase();
    const svc = startService({ DATA_DIR: dir, PORT: "0", SEED_DEMO: "false", DATABASE_URL: db.url, MEILI_URL: inject("meiliUrl"), MEILI_API_KEY: inject("meiliKey") });
    expect(await ready(await svc.port())).toEqual({ status: 200, body: { postgres: "ok", meilisearch: "ok" } });
    expect(svc.output()).toMatch(/PostgreSQL:\s+external/);
    expect(svc.output()).toMatch(/Meilisearch:\s+external/);
    expect(processesMentioning(dir)).toEqual([]);
    expect(fs.existsSync(path.join(dir, "postgres"))).toBe(false);
    svc.child.kill("SIGTERM");
    expect(await svc.exited).toBe(0);
    await db.drop();
  });

  it("a bad variable stops the start with a message naming it", async () => {
    const svc = startService({ ...embedded, DATA_DIR: dataDir(), PORT: "eighty" });
    expect(await svc.exited).toBe(1);
    expect(svc.output()).toMatch(/PORT: .*number/);
  });

  it("with no Meilisearch binary anywhere it still starts and says search runs in fallback mode", async () => {
    const dir = dataDir();
    const db = await createEmptyDatabase();
    const svc = startService({ DATA_DIR: dir, PORT: "0", SEED_DEMO: "false", DATABASE_URL: db.url, MEILI_URL: undefined, MEILI_BIN: path.join(dir, "no-such-binary") });
    expect(await ready(await svc.port())).toEqual({ status: 200, body: { postgres: "ok", meilisearch: "disabled" } });
    expect(svc.output()).toMatch(/fallback mode/);
    svc.child.kill("SIGTERM");
    expect(await svc.exited).toBe(0);
    await db.drop();
  });
});
