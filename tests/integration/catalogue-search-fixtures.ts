// A small catalogue written straight into PostgreSQL (the importer is tested on its own), with
// the cases the search stories need: typos, old spellings, English topics, loans and branches.
import type { Db } from "../../api/db/prisma.js";
import { startSearchableCatalogue, type SearchableCatalogue } from "../support/searchable-catalogue.js";

export type FixtureItem = { branch: string; status?: "available" | "on_loan" | "reserved" | "lost" | "repair"; due?: string };
export type FixtureRecord = {
  key: string;
  title: string;
  subtitle?: string;
  authors?: string[];
  year?: number;
  publisher?: string;
  isbns?: string[];
  language?: string;
  subjects?: string[];
  format?: string;
  summary?: string;
  items?: FixtureItem[];
};

export const BRANCHES = [
  { code: "OEBOBO", name: "Perpustakaan Cabang Oebobo" },
  { code: "KOTA", name: "Perpustakaan Kota Kupang" },
  { code: "ALAK", name: "Perpustakaan Cabang Alak" },
];

export const RECORDS: FixtureRecord[] = [
  {
    key: "laskar",
    title: "Laskar Pelangi",
    authors: ["Hirata, Andrea"],
    year: 2005,
    publisher: "Bentang Pustaka",
    isbns: ["9789793062792"],
    language: "ind",
    subjects: ["Fiksi Indonesia", "Belitung -- Fiksi"],
    items: [{ branch: "OEBOBO" }, { branch: "KOTA", status: "on_loan", due: "2026-12-10" }],
  },
  {
    // Its summary names the Indonesian title and author word for word; the original must still rank first.
    key: "rainbow",
    title: "The Rainbow Troops",
    authors: ["Hirata, Andrea", "Kilbane, Angie"],
    year: 2013,
    language: "eng",
    subjects: ["Novel Indonesia -- Terjemahan Inggris"],
    summary: "Terjemahan bahasa Inggris novel Laskar Pelangi karya Andrea Hirata.",
    items: [{ branch: "KOTA" }],
  },
  { key: "sejarah", title: "Sejarah Indonesia Modern 1200-2008", authors: ["Ricklefs, M. C."], year: 2008, language: "ind", subjects: ["Indonesia -- Sejarah"], items: [{ branch: "KOTA" }] },
  { key: "history", title: "A History of Modern Indonesia", authors: ["Vickers, Adrian"], year: 2005, language: "eng", subjects: ["Indonesia -- History"], items: [{ branch: "KOTA" }] },
  { key: "goats", title: "Raising Goats for Profit", authors: ["Belanger, Jerry"], year: 2010, language: "eng", subjects: ["Goats"], items: [{ branch: "ALAK", status: "on_loan", due: "2026-12-01" }] },
  { key: "rumah-bambu", title: "Rumah Bambu", authors: ["Mangunwijaya, Yusuf Bilyarta"], year: 2000, language: "ind", subjects: ["Cerita pendek Indonesia"], items: [{ branch: "KOTA" }] },
  { key: "pemimpi", title: "Sang Pemimpi", authors: ["Hirata, Andrea"], year: 2006, language: "ind", subjects: ["Fiksi Indonesia"], items: [{ branch: "OEBOBO" }] },
  { key: "laskar-cinta", title: "Laskar Cinta", authors: ["Santoso, Budi"], year: 2012, language: "ind", subjects: ["Fiksi Indonesia"], items: [{ branch: "KOTA" }] },
  { key: "pelangi-mars", title: "Pelangi di Mars", authors: ["Pratama, Andi"], year: 2016, language: "ind", subjects: ["Cerita anak"], items: [{ branch: "KOTA" }] },
  {
    key: "bumi",
    title: "Bumi Manusia",
    authors: ["Toer, Pramoedya Ananta, 1925-2006"],
    year: 1980,
    publisher: "Hasta Mitra",
    language: "ind",
    subjects: ["Fiksi Indonesia", "Indonesia -- Sejarah -- Fiksi"],
    items: [{ branch: "ALAK" }],
  },
  {
    key: "manusia-bebas",
    title: "Manusia Bebas",
    authors: ["Joyopuspito, Suwarsih"],
    year: 2000,
    publisher: "Jambatan",
    language: "ind",
    subjects: ["Fiksi Indonesia"],
    items: [{ branch: "KOTA" }],
  },
  {
    key: "kambing",
    title: "Panduan Praktis Beternak Kambing",
    authors: ["Sarwono, Bambang"],
    year: 2011,
    publisher: "Penebar Swadaya",
    language: "ind",
    subjects: ["Kambing -- Peternakan"],
    items: [{ branch: "OEBOBO" }],
  },
  {
    key: "cabai",
    title: "Bertanam Cabai Rawit",
    subtitle: "dalam pot dan polibag",
    authors: ["Setiadi"],
    year: 2014,
    publisher: "Penebar Swadaya",
    language: "ind",
    subjects: ["Cabai -- Budi daya"],
    items: [{ branch: "KOTA" }],
  },
  {
    key: "manyar",
    title: "Burung-Burung Manyar",
    authors: ["Mangunwijaya, Y. B."],
    year: 1981,
    publisher: "Djambatan",
    language: "ind",
    subjects: ["Fiksi Indonesia"],
    items: [{ branch: "OEBOBO" }],
  },
  {
    key: "cantik",
    title: "Cantik Itu Luka",
    authors: ["Kurniawan, Eka"],
    year: 2002,
    language: "ind",
    subjects: ["Fiksi Indonesia"],
    items: [
      { branch: "OEBOBO", status: "on_loan", due: "2026-12-05" },
      { branch: "OEBOBO", status: "on_loan", due: "2026-11-30" },
      { branch: "KOTA", status: "on_loan", due: "2026-12-20" },
      { branch: "KOTA", status: "reserved" },
    ],
  },
  { key: "ronggeng", title: "Ronggeng Dukuh Paruk", authors: ["Tohari, Ahmad"], year: 1982, language: "ind", subjects: ["Fiksi Indonesia"], items: [{ branch: "ALAK" }] },
  { key: "old-man", title: "The Old Man and the Sea", authors: ["Hemingway, Ernest"], year: 1952, language: "eng", subjects: ["Fishers -- Fiction"], items: [{ branch: "KOTA" }] },
  { key: "atlas", title: "Atlas Indonesia dan Dunia", year: 2019, language: "ind", format: "map", subjects: ["Atlas"], items: [{ branch: "ALAK" }] },
];

/** Writes the branches and records; returns record ids by key. */
export async function seedCatalogue(db: Db, records: FixtureRecord[] = RECORDS): Promise<Map<string, number>> {
  const branchIds = new Map<string, number>();
  for (const b of BRANCHES) {
    const row = await db.branch.upsert({ where: { code: b.code }, update: {}, create: b });
    branchIds.set(b.code, row.id);
  }
  const ids = new Map<string, number>();
  let barcode = (await db.item.count()) + 1;
  for (const r of records) {
    const row = await db.bibRecord.create({
      data: {
        source: "test",
        sourceId: r.key,
        title: r.title,
        subtitle: r.subtitle ?? null,
        authors: r.authors ?? [],
        year: r.year ?? null,
        publisher: r.publisher ?? null,
        isbns: r.isbns ?? [],
        language: r.language ?? null,
        subjects: r.subjects ?? [],
        format: r.format ?? "book",
        summary: r.summary ?? null,
        contentHash: r.key,
        items: {
          create: (r.items ?? []).map((i) => ({
            barcode: `B${String(barcode++).padStart(6, "0")}`,
            branchId: branchIds.get(i.branch)!,
            status: i.status ?? "available",
            dueDate: i.due ? new Date(`${i.due}T00:00:00Z`) : null,
          })),
        },
      },
    });
    ids.set(r.key, row.id);
  }
  return ids;
}

export type CatalogueFixture = SearchableCatalogue<Map<string, number>> & {
  /** Record ids by fixture key. */
  ids: Map<string, number>;
};

/** A database with this catalogue, its search index built, and a catalogue service over both. */
export async function startCatalogueFixture(opts: { cacheTtlMs?: number } = {}): Promise<CatalogueFixture> {
  const started = await startSearchableCatalogue({ seed: (db) => seedCatalogue(db), ...opts });
  return { ...started, ids: started.seeded };
}
