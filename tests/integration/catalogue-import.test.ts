import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { seedBranches } from "../../api/catalogue/branches.js";
import { NotACatalogueError } from "../../api/catalogue/import/errors.js";
import { importCatalogue } from "../../api/catalogue/import/import-catalogue.js";
import type { ImportProgress } from "../../api/catalogue/import/types.js";
import type { Db } from "../../api/db/prisma.js";
import { createLogger } from "../../api/logger.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/catalogue");
const fixture = (name: string) => path.join(FIXTURES, name);
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

/** A stream that hands the file over in pieces of `size` bytes, so characters get cut between chunks. */
function trickle(file: string, size: number): Readable {
  const bytes = fs.readFileSync(file);
  return Readable.from(
    (function* () {
      for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
    })(),
  );
}

// Every story runs twice: bulk statements through Prisma, and over the importer's own pg connection.
const CONNECTIONS: [string, () => string | undefined][] = [
  ["through Prisma", () => undefined],
  ["over a pg connection", () => tdb.url],
];

function recordsChangedSpy() {
  const calls: number[][] = [];
  const fn = async (ids: number[]) => {
    calls.push([...ids]);
  };
  return Object.assign(fn, { calls, ids: () => calls.flat().sort((a, b) => a - b) });
}

async function record(source: string, sourceId: string) {
  return db.bibRecord.findUnique({ where: { source_sourceId: { source, sourceId } }, include: { items: { include: { branch: true }, orderBy: { barcode: "asc" } } } });
}

async function counts() {
  return { records: await db.bibRecord.count(), items: await db.item.count(), branches: await db.branch.count() };
}

describe.each(CONNECTIONS)("importing each format (bulk writes %s)", (_name, conn) => {
  it("a librarian imports a Koha MARC export with broken records and gets the good records and a report naming the bad ones", async () => {
    await seedBranches(db);
    const spy = recordsChangedSpy();
    const report = await importCatalogue({ db, input: fixture("koha-export.mrc"), source: "koha", onRecordsChanged: spy, log, databaseUrl: conn() });

    expect(report.format).toBe("marc");
    expect(report).toMatchObject({ total: 8, created: 5, updated: 0, unchanged: 0, skippedRecords: 3, items: 7, branchesCreated: [] });
    const dropped = report.skipped.filter((s) => s.dropped === "record");
    expect(dropped.map((s) => [s.record, s.field])).toEqual([
      [3, "leader"],
      [5, "245$a"],
      [8, "leader"],
    ]);
    expect(dropped[0]!.problem).toMatch(/truncated/);
    expect(dropped[1]!.problem).toMatch(/no title/);
    expect(dropped[2]!.problem).toMatch(/not a MARC leader/);
    // Single fields and copies: the records stay.
    expect(report.skipped.filter((s) => s.dropped !== "record").map((s) => [s.record, s.field, s.dropped])).toEqual([
      [4, "952$7", "item"],
      [6, "952$q", "field"],
      [6, "020$a", "field"],
    ]);

    const laskar = await record("koha", "KPG-B0001");
    expect(laskar).toMatchObject({ title: "Laskar pelangi", subtitle: "sebuah novel", authors: ["Hirata, Andrea"], publisher: "Bentang Pustaka", place: "Yogyakarta", year: 2005, pages: 529, language: "ind", series: "Tetralogi Laskar Pelangi", callNumber: "899.221 3 HIR l", format: "book" });
    expect(laskar!.isbns).toEqual(["9789793062792"]);
    expect(laskar!.subjects).toEqual(["Novel Indonesia", "Pendidikan -- Belitung"]);
    expect(laskar!.items.map((i) => [i.barcode, i.branch.code, i.status, i.dueDate?.toISOString().slice(0, 10) ?? null])).toEqual([
      ["KPG-B0001-1", "PUSAT", "available", null],
      ["KPG-B0001-2", "OEBOBO", "on_loan", "2026-12-01"],
      ["KPG-B0001-3", "MAULAFA", "available", null],
    ]);
    expect((await record("koha", "KPG-B0002"))!.items.map((i) => i.status)).toEqual(["available", "lost"]);
    const manyar = await record("koha", "(KPG)B0004");
    expect(manyar!.items.map((i) => i.barcode)).toEqual(["KPG-B0004-2"]);
    const cilik = await record("koha", "KPG-B0006");
    expect(cilik!.isbns).toEqual([]);
    expect(cilik!.items.map((i) => [i.status, i.dueDate])).toEqual([["on_loan", null]]);
    expect(await record("koha", "KPG-B0003")).toBeNull();

    const ids = (await db.bibRecord.findMany({ select: { id: true } })).map((r) => r.id).sort((a, b) => a - b);
    expect(spy.ids()).toEqual(ids);
  });

  it("MARCXML with and without the marc: prefix imports the same records and names broken ones by line", async () => {
    const plain = await importCatalogue({ db, input: fixture("koha-export.xml"), source: "plain", log, databaseUrl: conn() });
    const prefixed = await importCatalogue({ db, input: fixture("koha-export-marc-prefix.xml"), source: "prefixed", log, databaseUrl: conn() });
    for (const report of [plain, prefixed]) {
      expect(report.format).toBe("marcxml");
      expect(report).toMatchObject({ total: 8, created: 6, skippedRecords: 2 });
      expect(report.skipped.filter((s) => s.dropped === "record").map((s) => [s.record, s.line, s.field])).toEqual([
        [5, 185, "245$a"],
        [8, 260, "record"],
      ]);
    }
    const fields = { sourceId: true, title: true, subtitle: true, authors: true, isbns: true, year: true, subjects: true, summary: true, ebookUrl: true, format: true };
    const a = await db.bibRecord.findMany({ where: { source: "plain" }, select: fields, orderBy: { sourceId: "asc" } });
    const b = await db.bibRecord.findMany({ where: { source: "prefixed" }, select: fields, orderBy: { sourceId: "asc" } });
    expect(a).toHaveLength(6);
    expect(b).toEqual(a);
    expect(a.find((r) => r.sourceId === "KPG-B0003")!.title).toBe("Ronggeng Dukuh Paruk");
    expect(a.find((r) => r.sourceId === "KPG-B0007")).toMatchObject({ format: "ebook", ebookUrl: "https://opac.example.id/ebook/serat-centhini-1.pdf" });
  });

  it("a SLiMS bibliography export imports its <list> columns, with or without the header row", async () => {
    const report = await importCatalogue({ db, input: fixture("slims-bibliography.csv"), source: "slims", branchMap: { "*": "PUSAT" }, log, databaseUrl: conn() });
    expect(report.format).toBe("slims-csv");
    expect(report).toMatchObject({ total: 6, created: 5, skippedRecords: 1, items: 7, branchesCreated: ["PUSAT"] });
    expect(report.skipped.map((s) => [s.record, s.line, s.field, s.dropped])).toEqual([
      [3, 4, "title", "record"],
      [4, 5, "isbn_issn", "field"],
    ]);
    const rows = await db.bibRecord.findMany({ where: { source: "slims" }, include: { items: true }, orderBy: { title: "asc" } });
    const ayat = rows.find((r) => r.title.startsWith("Ayat"))!;
    // SLiMS does not double quotes inside quoted values; the title survives anyway.
    expect(ayat.subtitle).toBe('sebuah novel "pembangun jiwa"');
    expect(ayat.authors).toEqual(["El Shirazy, Habiburrahman"]);
    expect(ayat.items.map((i) => i.barcode).sort()).toEqual(["B00006", "B00007"]);
    const laskar = rows.find((r) => r.title === "Laskar Pelangi")!;
    expect(laskar).toMatchObject({ subtitle: "sebuah novel", publisher: "Bentang Pustaka", year: 2005, pages: 529, language: "ind", isbns: ["9789793062792"], subjects: ["Novel Indonesia", "Pendidikan"] });
    expect(laskar.sourceId).toMatch(/^derived:/);

    const headerless = await importCatalogue({ db, input: fixture("slims-bibliography-no-header.csv"), source: "slims", branchMap: { "*": "PUSAT" }, log, databaseUrl: conn() });
    expect(headerless).toMatchObject({ format: "slims-csv", total: 2, created: 0, unchanged: 2 });
  });

  it("our simple CSV imports holdings with status and due date, and names bad rows by line and column", async () => {
    await seedBranches(db);
    const report = await importCatalogue({ db, input: fixture("simple-catalogue.csv"), source: "demo", log, databaseUrl: conn() });
    expect(report).toMatchObject({ format: "simple-csv", total: 7, created: 6, skippedRecords: 1, items: 8 });
    expect(report.skipped.map((s) => [s.record, s.line, s.field, s.dropped])).toEqual([
      [3, 4, "title", "record"],
      [4, 5, "isbn", "field"],
      [4, 5, "holdings", "field"],
      [5, 6, "holdings", "item"],
    ]);
    expect(report.skipped[2]!.problem).toMatch(/2025-02-30/);
    expect(report.skipped[3]!.problem).toMatch(/unknown status "dimakan rayap"/);
    const laskar = await record("demo", "S-0001");
    expect(laskar!.items.map((i) => [i.barcode, i.branch.code, i.status, i.dueDate?.toISOString().slice(0, 10) ?? null])).toEqual([
      ["S1-001", "PUSAT", "available", null],
      ["S1-002", "OEBOBO", "on_loan", "2026-12-01"],
      ["S1-003", "MAULAFA", "reserved", null],
    ]);
    expect((await record("demo", "S-0006"))!.authors).toEqual(["Saint-Exupéry, Antoine de", "Chambert-Loir, Henri (penerjemah)"]);
    expect((await record("demo", "S-0004"))!.items.map((i) => [i.status, i.dueDate])).toEqual([["on_loan", null]]);
    expect((await record("demo", "S-0005"))!.items.map((i) => i.barcode)).toEqual(["S5-002"]);
  });
});

describe("files that are not catalogues", () => {
  it.each([
    ["not-a-catalogue.png", /PNG image/],
    ["not-a-catalogue.json", /JSON/],
    ["unrelated-columns.csv", /columns are not a catalogue.*tanggal, kota, penjualan/],
  ])("%s is rejected with a typed error before anything is written", async (name, reason) => {
    const spy = recordsChangedSpy();
    const error = await importCatalogue({ db, input: fixture(name), source: "x", onRecordsChanged: spy, log, databaseUrl: tdb.url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotACatalogueError);
    expect((error as NotACatalogueError).status).toBe(422);
    expect((error as NotACatalogueError).message).toMatch(reason);
    expect(await counts()).toEqual({ records: 0, items: 0, branches: 0 });
    expect(spy.calls).toEqual([]);
  });

  it("an empty file and a CSV passed off as MARC are rejected too", async () => {
    const empty = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tp-imp-")), "empty.mrc");
    fs.writeFileSync(empty, "\n");
    await expect(importCatalogue({ db, input: empty, source: "x", log })).rejects.toThrow(/empty/);
    await expect(importCatalogue({ db, input: fixture("simple-catalogue.csv"), format: "marc", source: "x", log })).rejects.toThrow(
      /asked for MARC \(ISO 2709\) but the content is simple CSV/,
    );
    expect(await counts()).toEqual({ records: 0, items: 0, branches: 0 });
  });
});

describe.each(CONNECTIONS)("importing again (bulk writes %s)", (_name, conn) => {
  it("re-importing the same file changes nothing: every record unchanged, no writes, no index calls", async () => {
    await seedBranches(db);
    const first = await importCatalogue({ db, input: fixture("koha-export.mrc"), source: "koha", log, databaseUrl: conn() });
    expect(first.created).toBe(5);
    const before = await db.bibRecord.findMany({ select: { id: true, updatedAt: true }, orderBy: { id: "asc" } });
    const itemsBefore = await db.item.findMany({ select: { id: true, updatedAt: true }, orderBy: { id: "asc" } });

    const spy = recordsChangedSpy();
    const again = await importCatalogue({ db, input: fixture("koha-export.mrc"), source: "koha", onRecordsChanged: spy, log, databaseUrl: conn() });
    expect(again).toMatchObject({ total: 8, created: 0, updated: 0, unchanged: 5, skippedRecords: 3 });
    expect(spy.calls).toEqual([]);
    expect(await db.bibRecord.findMany({ select: { id: true, updatedAt: true }, orderBy: { id: "asc" } })).toEqual(before);
    expect(await db.item.findMany({ select: { id: true, updatedAt: true }, orderBy: { id: "asc" } })).toEqual(itemsBefore);
  });

  it("a copy returned in the library system comes through on re-import: that record is updated and reported", async () => {
    await seedBranches(db);
    await importCatalogue({ db, input: fixture("simple-catalogue.csv"), source: "demo", log, databaseUrl: conn() });
    const changed = fs.readFileSync(fixture("simple-catalogue.csv"), "utf8").replace("OEBOBO|S1-002|on_loan|2026-12-01", "OEBOBO|S1-002|available|");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tp-imp-")), "changed.csv");
    fs.writeFileSync(file, changed);

    const spy = recordsChangedSpy();
    const report = await importCatalogue({ db, input: file, source: "demo", onRecordsChanged: spy, log, databaseUrl: conn() });
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 5, skippedRecords: 1 });
    const laskar = await record("demo", "S-0001");
    expect(spy.calls).toEqual([[laskar!.id]]);
    expect(laskar!.items.find((i) => i.barcode === "S1-002")).toMatchObject({ status: "available", dueDate: null });
  });

  it("a copy dropped from the export is removed, and a copy moved to another record goes with it", async () => {
    await seedBranches(db);
    await importCatalogue({ db, input: fixture("simple-catalogue.csv"), source: "demo", log, databaseUrl: conn() });
    const cilik = (await record("demo", "S-0006"))!;
    const changed = fs
      .readFileSync(fixture("simple-catalogue.csv"), "utf8")
      .replace(";MAULAFA|S1-003|reserved|", "")
      .replace("MAULAFA|S6-001|repair|", "MAULAFA|S6-001|repair|;ALAK|S2-002|available|")
      .replace("PUSAT|S2-001|available|;ALAK|S2-002|lost|", "PUSAT|S2-001|available|");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tp-imp-")), "moved.csv");
    fs.writeFileSync(file, changed);
    const spy = recordsChangedSpy();
    const report = await importCatalogue({ db, input: file, source: "demo", onRecordsChanged: spy, log, databaseUrl: conn() });
    expect(report).toMatchObject({ updated: 3, unchanged: 3 });
    expect(await db.item.findUnique({ where: { barcode: "S1-003" } })).toBeNull();
    expect(await db.item.findUnique({ where: { barcode: "S2-002" } })).toMatchObject({ recordId: cilik.id, status: "available" });
    expect(spy.ids()).toHaveLength(3);
  });
});

describe.each(CONNECTIONS)("options (bulk writes %s)", (_name, conn) => {
  it("a dry run reads and checks everything, reports what would change and writes nothing", async () => {
    const spy = recordsChangedSpy();
    const report = await importCatalogue({ db, input: fixture("koha-export.mrc"), source: "koha", dryRun: true, onRecordsChanged: spy, log, databaseUrl: conn() });
    expect(report).toMatchObject({ dryRun: true, total: 8, created: 5, updated: 0, skippedRecords: 3, items: 7 });
    expect(report.branchesCreated.sort()).toEqual(["ALAK", "MAULAFA", "OEBOBO", "PUSAT"]);
    expect(await counts()).toEqual({ records: 0, items: 0, branches: 0 });
    expect(spy.calls).toEqual([]);
  });

  it("a branch map renames the file's branch codes; unknown codes become new branches named after the code", async () => {
    await seedBranches(db);
    const report = await importCatalogue({ db, input: fixture("koha-export.mrc"), source: "koha", branchMap: { OEBOBO: "PUSAT", maulafa: "MFA" }, log, databaseUrl: conn() });
    expect(report.branchesCreated).toEqual(["MFA"]);
    expect(await db.branch.findUnique({ where: { code: "MFA" } })).toMatchObject({ name: "MFA" });
    const laskar = await record("koha", "KPG-B0001");
    expect(laskar!.items.map((i) => i.branch.code)).toEqual(["PUSAT", "PUSAT", "MFA"]);
  });

  it("onRecordsChanged hears about each committed batch with the ids written, and progress is reported", async () => {
    await seedBranches(db);
    const seen: { ids: number[]; committed: number }[] = [];
    const listener = async (ids: number[]) => {
      // Called only after the batch is committed: every id is already readable.
      seen.push({ ids: [...ids], committed: await db.bibRecord.count({ where: { id: { in: ids } } }) });
    };
    const progress: ImportProgress[] = [];
    const report = await importCatalogue({ db, input: fixture("simple-catalogue.csv"), source: "demo", batchSize: 2, onRecordsChanged: listener, onProgress: (p) => progress.push(p), log, databaseUrl: conn() });
    expect(report.created).toBe(6);
    expect(seen.every((c) => c.committed === c.ids.length)).toBe(true);
    const ids = (await db.bibRecord.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id);
    expect(seen.flatMap((c) => c.ids).sort((a, b) => a - b)).toEqual(ids);
    // Records 1-2, 4-5 (3 is broken), 6-7: three batches, one progress report each, then the final one.
    expect(progress.filter((p) => p.phase === "importing").length).toBe(3);
    expect(progress.at(-1)).toMatchObject({ done: true, phase: "done", records: 7, created: 6, skippedRecords: 1, indexBacklog: 0, bytesRead: fs.statSync(fixture("simple-catalogue.csv")).size });
  });

  it("a failing onRecordsChanged does not lose the import; the report counts the failure", async () => {
    const report = await importCatalogue({
      db,
      input: fixture("simple-catalogue.csv"),
      source: "demo",
      onRecordsChanged: async () => {
        throw new Error("Meilisearch is down");
      },
      log,
      databaseUrl: conn(),
    });
    expect(report).toMatchObject({ created: 6, notifyFailures: 1 });
    expect(await db.bibRecord.count()).toBe(6);
  });
});

describe.each(CONNECTIONS)("text survives byte for byte (bulk writes %s)", (_name, conn) => {
  const expectations = [
    { sourceId: "KPG-B0006", author: "Saint-Exupéry, Antoine de" },
    { sourceId: "KPG-B0007", subtitle: "ꦱꦼꦫꦠ꧀ꦕꦼꦤ꧀ꦛꦶꦤꦶ", summaryPart: "بِسْمِ اللّٰهِ الرَّحْمٰنِ الرَّحِيْمِ — Kitāb" },
  ];

  it.each([
    ["koha-export.mrc", 1],
    ["koha-export.mrc", 3],
    ["koha-export.xml", 2],
    ["koha-export-marc-prefix.xml", 5],
  ])("%s delivered %i bytes at a time keeps é, ā, Arabic and Javanese script exact", async (name, size) => {
    await importCatalogue({ db, input: trickle(fixture(name), size), source: "utf8", log, databaseUrl: conn() });
    const cilik = await record("utf8", expectations[0]!.sourceId);
    expect(Buffer.from(cilik!.authors[0]!)).toEqual(Buffer.from(expectations[0]!.author!, "utf8"));
    const centhini = await record("utf8", expectations[1]!.sourceId);
    expect(Buffer.from(centhini!.subtitle!)).toEqual(Buffer.from(expectations[1]!.subtitle!, "utf8"));
    expect(centhini!.summary).toContain(expectations[1]!.summaryPart);
    expect(centhini!.summary).not.toContain("\uFFFD");
  });

  it("a CSV delivered one byte at a time keeps its multi-byte text exact", async () => {
    await importCatalogue({ db, input: trickle(fixture("simple-catalogue.csv"), 1), source: "utf8", log, databaseUrl: conn() });
    expect((await record("utf8", "S-0007"))!.subtitle).toBe("ꦱꦼꦫꦠ꧀ꦕꦼꦤ꧀ꦛꦶꦤꦶ");
    expect((await record("utf8", "S-0007"))!.summary).toBe("Tembang Jawa; kutipan: بِسْمِ اللّٰهِ — Kitāb.");
  });
});
