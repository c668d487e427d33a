// Chat-style search messages for bench:chat, built from the demo catalogue (titles, authors,
// subjects) with the phrasings residents use. Deterministic, so runs compare.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** 500 search messages such as "ada buku laskar pelangi gak?" or "nyari novel toer". */
export function searchMessages(): string[] {
  const rows = parse(fs.readFileSync(path.join(ROOT, "prisma/seed/demo-catalogue.csv"), "utf8"), { columns: true, skip_empty_lines: true }) as { title: string; authors: string }[];
  const titles = rows.map((r) => r.title.toLowerCase()).filter(Boolean);
  const authors = rows.map((r) => r.authors.split(",")[0]!.trim().toLowerCase()).filter(Boolean);
  const subjects = ["sejarah indonesia", "pertanian", "resep masakan", "kesehatan anak", "bahasa inggris", "komputer", "novel remaja", "agama"];
  const templates = [
    (t: string) => `ada buku ${t} gak?`,
    (t: string) => `${t}`,
    (t: string) => `punya ${t}?`,
    (_t: string, a: string) => `nyari novel ${a}`,
    (_t: string, a: string) => `carikan buku ${a}`,
    (_t: string, _a: string, s: string) => `buku ttg ${s}`,
  ];
  let seed = 42;
  const rnd = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % n;
  };
  return Array.from({ length: 500 }, () => templates[rnd(templates.length)]!(titles[rnd(titles.length)]!, authors[rnd(authors.length)]!, subjects[rnd(subjects.length)]!));
}
