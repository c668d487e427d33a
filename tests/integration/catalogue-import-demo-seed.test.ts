import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_BRANCHES_FILE, readBranchesFile, seedBranches } from "../../api/catalogue/branches.js";
import { DEMO_CATALOGUE_FILE, seedDemo } from "../../api/catalogue/seed-demo.js";
import type { Db } from "../../api/db/prisma.js";
import { createLogger } from "../../api/logger.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/catalogue");
const log = createLogger({ level: "silent" });

let tdb: TestDatabase;
let db: Db;

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
});
afterAll(async () => {
  await tdb?.drop();
});
beforeEach(async () => {
  await db.$executeRawUnsafe(`TRUNCATE "Item", "BibRecord", "Branch" RESTART IDENTITY CASCADE`);
});

describe("branches of the demo library", () => {
  it("the Kupang city library has four branches with addresses, map links and opening hours", () => {
    const file = readBranchesFile();
    expect(file.library).toBe("Perpustakaan Kota Kupang");
    expect(file.branches.map((b) => b.code)).toEqual(["PUSAT", "OEBOBO", "MAULAFA", "ALAK"]);
    for (const b of file.branches) {
      expect(b.city).toBe("Kupang");
      expect(b.timezone).toBe("Asia/Makassar");
      expect(b.address).toMatch(new RegExp(b.code === "PUSAT" ? "Kelapa Lima" : b.code, "i"));
      expect(b.mapUrl).toMatch(/^https:\/\/maps\.google\.com\/\?q=/);
      expect(Object.keys(b.openingHours)).toEqual(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);
    }
    const pusat = file.branches.find((b) => b.code === "PUSAT")!;
    expect(pusat.openingHours.sat.length).toBeGreaterThan(0);
    expect(pusat.openingHours.sun.length).toBeGreaterThan(0);
    expect(file.branches.filter((b) => b.code !== "PUSAT").every((b) => b.openingHours.sun.length === 0)).toBe(true);
  });

  it("seeding the branches twice creates them once and then changes nothing", async () => {
    expect(await seedBranches(db)).toEqual({ created: 4, updated: 0, unchanged: 0 });
    const first = await db.branch.findMany({ orderBy: { code: "asc" } });
    expect(await seedBranches(db)).toEqual({ created: 0, updated: 0, unchanged: 4 });
    expect(await db.branch.findMany({ orderBy: { code: "asc" } })).toEqual(first);
    expect(first.find((b) => b.code === "OEBOBO")!.openingHours).toMatchObject({ mon: [["08:00", "15:00"]], sun: [] });
  });

  it("a branch renamed in the file is updated on the next seed; a branch an import created is left alone", async () => {
    await db.branch.create({ data: { code: "KELAPA", name: "KELAPA" } });
    await seedBranches(db);
    const changed = JSON.parse(fs.readFileSync(DEFAULT_BRANCHES_FILE, "utf8")) as { branches: { code: string; name: string }[] };
    changed.branches[1]!.name = "Perpustakaan Kota Kupang - Cabang Oebobo (Fatululi)";
    (changed.branches[2] as { slaMinutes?: number }).slaMinutes = 60;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tp-branches-")), "branches.json");
    fs.writeFileSync(file, JSON.stringify(changed));
    expect(await seedBranches(db, file)).toEqual({ created: 0, updated: 2, unchanged: 2 });
    expect((await db.branch.findUnique({ where: { code: "OEBOBO" } }))!.name).toBe("Perpustakaan Kota Kupang - Cabang Oebobo (Fatululi)");
    // A librarian's answer-time promise per branch comes from the same file.
    expect((await db.branch.findUnique({ where: { code: "MAULAFA" } }))!.slaMinutes).toBe(60);
    expect((await db.branch.findUnique({ where: { code: "PUSAT" } }))!.slaMinutes).toBe(120);
    expect(await db.branch.findUnique({ where: { code: "KELAPA" } })).not.toBeNull();
  });

  it("a branches file with an impossible opening time is refused with the place named", () => {
    const bad = JSON.parse(fs.readFileSync(DEFAULT_BRANCHES_FILE, "utf8")) as { branches: { openingHours: Record<string, string[][]> }[] };
    bad.branches[2]!.openingHours.mon = [["16:00", "08:00"]];
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tp-branches-")), "branches.json");
    fs.writeFileSync(file, JSON.stringify(bad));
    expect(() => readBranchesFile(file)).toThrow(/branches\.2\.openingHours\.mon\.0: opening must come before closing/);
  });
});

describe("demo catalogue on first start", () => {
  it("an empty catalogue gets the demo branches and records through the importer, and the search hook hears of every record", async () => {
    const heard: number[] = [];
    const report = await seedDemo({ db, log, catalogueFile: path.join(FIXTURES, "simple-catalogue.csv"), onRecordsChanged: async (ids) => void heard.push(...ids) });
    expect(report).toMatchObject({ source: "demo", created: 6, skippedRecords: 1 });
    expect(await db.branch.count()).toBe(4);
    const ids = (await db.bibRecord.findMany({ where: { source: "demo" }, select: { id: true } })).map((r) => r.id);
    expect(heard.sort((a, b) => a - b)).toEqual(ids.sort((a, b) => a - b));
  });

  it("a catalogue that already has records is left alone", async () => {
    await db.bibRecord.create({ data: { source: "slims", sourceId: "1", title: "Katalog sendiri", contentHash: "x" } });
    expect(await seedDemo({ db, log, catalogueFile: path.join(FIXTURES, "simple-catalogue.csv") })).toBeNull();
    expect(await db.bibRecord.count()).toBe(1);
    expect(await db.branch.count()).toBe(0);
  });

  it("the shipped demo catalogue imports whole: every record stored, every copy at one of the four branches", async () => {
    const report = await seedDemo({ db, log });
    expect(report).not.toBeNull();
    expect(report!.skipped).toEqual([]);
    expect(report!.created).toBeGreaterThanOrEqual(300);
    expect(report!.branchesCreated).toEqual([]);
    const perStatus = await db.item.groupBy({ by: ["status"], _count: true });
    const statuses = Object.fromEntries(perStatus.map((s) => [s.status, s._count]));
    expect(statuses.available).toBeGreaterThan(0);
    expect(statuses.on_loan).toBeGreaterThan(0);
    expect(statuses.reserved).toBeGreaterThan(0);
    expect(await db.item.count({ where: { status: "on_loan", dueDate: null } })).toBe(0);
    expect(fs.existsSync(DEMO_CATALOGUE_FILE)).toBe(true);
    // A second start finds the catalogue filled and does nothing.
    expect(await seedDemo({ db, log })).toBeNull();
  });
});
