// The admin's catalogue import in the dashboard, through the app npm start builds (createApp),
// a real PostgreSQL and Meilisearch: upload, dry run, import for real, the report, refusals.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import type { App } from "../../api/app-env.js";
import { seedBranches } from "../../api/catalogue/branches.js";
import { createImportJobs, type ImportJobs } from "../../api/catalogue/import/import-jobs.js";
import { importCatalogue } from "../../api/catalogue/import/import-catalogue.js";
import { createCatalogueService, type CatalogueService } from "../../api/catalogue/search-catalogue.js";
import { loadConfig } from "../../api/config.js";
import { createStaffAccounts } from "../../api/dashboard/auth/staff-accounts.js";
import { createAuditLog } from "../../api/inbox/audit-log.js";
import { createLogger } from "../../api/logger.js";
import { createCatalogueIndex } from "../../search/catalogue-index.js";
import { signedInClient, type CookieClient } from "../support/dashboard-harness.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { createTestSearch } from "../support/test-search.js";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/catalogue");
const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));
const log = createLogger({ level: "silent" });
const PASSWORD = "correct horse battery";

let test: TestDatabase;
let search: ReturnType<typeof createTestSearch>;
let app: App;
let smallApp: App;
let imports: ImportJobs;
let catalogue: CatalogueService;
let tmpDir: string;
let admin: { id: number; email: string };
let librarian: { id: number; email: string };
// While set, the next import waits for it before reading the file (to see a running import).
let hold: Promise<void> | null = null;

beforeAll(async () => {
  test = await createTestDatabase();
  await seedBranches(test.db);
  search = createTestSearch({ timeoutMs: 30_000 });
  const index = createCatalogueIndex({ db: test.db, search, log });
  await index.ensureReady();
  catalogue = createCatalogueService({ db: test.db, search, index, log });
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-dash-import-"));
  imports = createImportJobs({
    db: test.db,
    log,
    audit: createAuditLog(test.db),
    index,
    databaseUrl: test.url,
    tmpDir,
    importer: async (opts) => {
      if (hold) await hold;
      return importCatalogue(opts);
    },
  });
  const deps = { db: test.db, search, log, catalogue, catalogueIndex: index, imports };
  app = createApp({ ...deps, config: loadConfig({ DATA_DIR: "./data/test" }) });
  // The same service with a 1 KB limit (IMPORT_MAX_MB is a number of megabytes, fractions allowed).
  smallApp = createApp({ ...deps, config: loadConfig({ DATA_DIR: "./data/test", IMPORT_MAX_MB: String(1 / 1024) }) });
  const accounts = createStaffAccounts({ db: test.db, audit: createAuditLog(test.db) });
  admin = (await accounts.add({ email: "kepala@perpus.example", role: "admin", name: "Kepala", password: PASSWORD }, null)).staff;
  librarian = (await accounts.add({ email: "rina@perpus.example", role: "librarian", name: "Rina", password: PASSWORD }, null)).staff;
});

afterAll(async () => {
  await imports?.close();
  await search?.cleanup();
  await test?.drop();
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
});

const signedIn = (who: { email: string }, on: App = app) => signedInClient(on, { email: who.email, password: PASSWORD });

/** The upload form as a browser sends it: multipart, with a Content-Length. */
async function upload(on: App, client: CookieClient, fields: Record<string, string>, file?: { name: string; bytes: Uint8Array<ArrayBuffer>; type?: string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append("file", new File([file.bytes], file.name, { type: file.type ?? "application/octet-stream" }));
  const encoded = new Request("http://localhost/", { method: "POST", body: form });
  const body = new Uint8Array(await encoded.arrayBuffer());
  return on.request("/staff/import", {
    method: "POST",
    body,
    headers: {
      accept: "text/html",
      "content-type": encoded.headers.get("content-type")!,
      "content-length": String(body.length),
      cookie: [...client.jar].map(([k, v]) => `${k}=${v}`).join("; "),
    },
  });
}

async function catalogueRows() {
  return { records: await test.db.bibRecord.count(), items: await test.db.item.count() };
}

/** Posts the form, waits for the background import, returns the job page's HTML. */
async function importFile(client: CookieClient, name: string, fields: Record<string, string>) {
  const res = await upload(app, client, { _csrf: await client.csrf("/staff/import"), ...fields }, { name, bytes: fixture(name) });
  expect(res.status).toBe(303);
  const location = res.headers.get("location")!;
  expect(location).toMatch(/^\/staff\/import\/[0-9a-f]{12}$/);
  await imports.idle();
  const page = await client.get(location);
  expect(page.status).toBe(200);
  expect(page.headers.get("refresh")).toBeNull();
  return { location, html: await page.text() };
}

describe("an admin imports a catalogue from the dashboard", () => {
  it("a dry run of a Koha MARC export stores nothing and reports the counts; 'Import for real' then stores the records and they are searchable", async () => {
    const client = await signedIn(admin);
    const form = await client.get("/staff/import");
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toContain('enctype="multipart/form-data"');
    expect(formHtml).toMatch(/<input type="checkbox" name="dryRun" value="1" checked=""\/>/);
    expect(formHtml).toContain('href="/staff/import" aria-current="page"');

    const dry = await importFile(client, "koha-export.mrc", { source: "koha", format: "", dryRun: "1" });
    expect(await catalogueRows()).toEqual({ records: 0, items: 0 });
    expect(dry.html).toContain("Uji coba selesai: tidak ada yang disimpan.");
    expect(dry.html).toContain("MARC 21 (ISO 2709)");
    expect(dry.html).toContain('<dd data-figure="total">8</dd>');
    expect(dry.html).toContain('<dd data-figure="created">5</dd>');
    expect(dry.html).toContain('<dd data-figure="skipped">3</dd>');
    expect(dry.html).toContain('<dd data-figure="copies">7</dd>');
    // The broken records with their number and field, as the CLI lists them.
    expect(dry.html).toMatch(/<tr><td>3<\/td><td>—<\/td><td>leader<\/td><td class="text">[^<]*truncated[^<]*<\/td><td>rekaman dilewati<\/td><\/tr>/);
    expect(dry.html).toMatch(/<tr><td>5<\/td><td>—<\/td><td>245\$a<\/td><td class="text">[^<]*no title/);
    const run = /<form method="post" action="(\/staff\/import\/[0-9a-f]{12}\/run)"/.exec(dry.html);
    expect(run).not.toBeNull();

    const real = await client.post(run![1]!, { _csrf: await client.csrf(dry.location) });
    expect(real.status).toBe(303);
    const realLocation = real.headers.get("location")!;
    expect(realLocation).not.toBe(dry.location);
    await imports.idle();
    const realHtml = await (await client.get(realLocation)).text();
    expect(realHtml).toContain("Impor selesai.");
    expect(realHtml).toContain('<dd data-figure="created">5</dd>');
    expect(realHtml).not.toContain("/run");
    expect(await catalogueRows()).toEqual({ records: 5, items: 7 });
    expect(await test.db.bibRecord.count({ where: { source: "koha" } })).toBe(5);

    // Searchable through the catalogue service the chat uses, from Meilisearch (not the fallback).
    const found = await catalogue.search({ q: "bumi manusia pramoedya", page: 1, limit: 5 });
    expect(found.degraded).toBe(false);
    expect(found.hits.map((h) => h.title.toLowerCase())).toContain("bumi manusia");

    // The dry run's file went to the real import: it cannot be run a second time.
    expect((await client.post(run![1]!, { _csrf: await client.csrf("/staff/import") })).status).toBe(409);

    // One audit entry per import, with who, which file and the counts.
    const audit = await test.db.auditLog.findMany({ where: { action: "catalogue.import" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.staffId, (a.detail as Record<string, unknown>).file, (a.detail as Record<string, unknown>).dryRun, (a.detail as Record<string, unknown>).created])).toEqual([
      [admin.id, "koha-export.mrc", true, 5],
      [admin.id, "koha-export.mrc", false, 5],
    ]);
    const list = await (await client.get("/staff/import")).text();
    expect(list).toContain(`<a href="${realLocation}">koha-export.mrc</a>`);
    expect(list).toContain("<td>Uji coba</td>");
    // The upload is gone once imported for real.
    expect(fs.readdirSync(tmpDir)).toEqual([]);
  });

  it("a MARCXML file with broken records shows each problem with its record, line and field", async () => {
    const client = await signedIn(admin);
    const { html } = await importFile(client, "koha-export.xml", { source: "koha-xml", dryRun: "1" });
    expect(html).toContain('<dd data-figure="skipped">2</dd>');
    expect(html).toMatch(/<tr><td>5<\/td><td>185<\/td><td>245\$a<\/td>/);
    expect(html).toMatch(/<tr><td>8<\/td><td>260<\/td><td>record<\/td>/);
    expect(await test.db.bibRecord.count({ where: { source: "koha-xml" } })).toBe(0);
  });

  it("shows the progress of a running import, reloading every 2 seconds, and refuses a second one meanwhile", async () => {
    const client = await signedIn(admin);
    let release!: () => void;
    hold = new Promise<void>((resolve) => (release = resolve));
    try {
      const token = await client.csrf("/staff/import");
      const first = await upload(app, client, { _csrf: token, source: "slims", dryRun: "1" }, { name: "slims-bibliography.csv", bytes: fixture("slims-bibliography.csv") });
      expect(first.status).toBe(303);
      const running = await client.get(first.headers.get("location")!);
      expect(running.headers.get("refresh")).toBe("2");
      const html = await running.text();
      expect(html).toContain('data-status="running"');
      expect(html).toContain('<dd data-figure="read">0</dd>');

      const second = await upload(app, client, { _csrf: token, dryRun: "1" }, { name: "simple-catalogue.csv", bytes: fixture("simple-catalogue.csv") });
      expect(second.status).toBe(409);
      expect(await second.text()).toContain("Impor lain (slims-bibliography.csv) masih berjalan.");
      expect(await (await client.get("/staff/import")).text()).toContain("Impor slims-bibliography.csv sedang berjalan.");
    } finally {
      hold = null;
      release();
    }
    await imports.idle();
  });
});

describe("what the import page refuses", () => {
  it("a PNG and a random text are refused with the importer's reason, and nothing is stored or kept", async () => {
    const client = await signedIn(admin);
    const before = { rows: await catalogueRows(), audit: await test.db.auditLog.count({ where: { action: "catalogue.import" } }), uploads: fs.readdirSync(tmpDir) };
    const token = await client.csrf("/staff/import");
    const png = await upload(app, client, { _csrf: token, dryRun: "1" }, { name: "sampul.png", bytes: fixture("not-a-catalogue.png"), type: "image/png" });
    expect(png.status).toBe(422);
    expect(await png.text()).toMatch(/Berkas ditolak, tidak ada yang disimpan: This file is not a catalogue the importer can read: it is a PNG image/);
    const text = await upload(app, client, { _csrf: token }, { name: "catatan.txt", bytes: new TextEncoder().encode("Rapat pengurus hari Senin.\nBawa laporan bulanan dan daftar hadir.\n") });
    expect(text.status).toBe(422);
    expect(await text.text()).toContain("This file is not a catalogue the importer can read");
    expect({ rows: await catalogueRows(), audit: await test.db.auditLog.count({ where: { action: "catalogue.import" } }), uploads: fs.readdirSync(tmpDir) }).toEqual(before);
    expect(imports.running()).toBeNull();
  });

  it("a librarian gets 403 for the page and the upload, and no menu entry", async () => {
    const client = await signedIn(librarian);
    expect((await client.get("/staff/import")).status).toBe(403);
    const token = await client.csrf("/staff/queue");
    const res = await upload(app, client, { _csrf: token, dryRun: "" }, { name: "koha-export.mrc", bytes: fixture("koha-export.mrc") });
    expect(res.status).toBe(403);
    expect(await (await client.get("/staff/queue")).text()).not.toContain('href="/staff/import"');
    expect(await test.db.bibRecord.count({ where: { source: "local" } })).toBe(0);
  });

  it("an upload without the CSRF field, or with a wrong one, is refused with 403 (the guard reads multipart forms)", async () => {
    const client = await signedIn(admin);
    const file = { name: "simple-catalogue.csv", bytes: fixture("simple-catalogue.csv") };
    expect((await upload(app, client, {}, file)).status).toBe(403);
    expect((await upload(app, client, { _csrf: "not-the-token" }, file)).status).toBe(403);
    expect(await test.db.bibRecord.count({ where: { source: "local" } })).toBe(0);
    expect(imports.running()).toBeNull();
  });

  it("a file over IMPORT_MAX_MB is refused with 413 and a message naming the limit, before anything reads it", async () => {
    const client = await signedIn(admin, smallApp);
    const token = await client.csrf("/staff/import");
    // Far over the limit: refused by its Content-Length, before the login and CSRF checks read the form.
    const huge = await upload(smallApp, client, { _csrf: token }, { name: "besar.mrc", bytes: new Uint8Array(300 * 1024).fill(0x41) });
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain("Berkas terlalu besar: batasnya 1 KB (IMPORT_MAX_MB)");
    // Without a session too, and sent in chunks without a Content-Length: counted as it arrives.
    const chunked = await smallApp.request("/staff/import", {
      method: "POST",
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 100; i++) controller.enqueue(new Uint8Array(4096).fill(0x41));
          controller.close();
        },
      }),
      headers: { "content-type": "multipart/form-data; boundary=x", accept: "application/json" },
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await chunked.json()).toEqual({ error: "too_large", message: expect.stringContaining("1 KB") });
    // Just over it: refused by the page after the checks.
    const over = await upload(smallApp, client, { _csrf: token }, { name: "koha-export.xml", bytes: fixture("koha-export.xml") });
    expect(over.status).toBe(413);
    expect(await over.text()).toContain("Berkas terlalu besar");
    expect(await test.db.bibRecord.count({ where: { source: "local" } })).toBe(0);
  });
});
