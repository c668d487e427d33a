// Synthetic catalogue and query mix for bench/search.ts (the leading "_" keeps bench/run-all.ts
// from running this file on its own). Deterministic per seed. Titles, names and subjects are
// drawn from Indonesian word lists and the search vocabulary, so posting lists and typos look
// like a city library's, not like random strings.
import { MarcRecord, type MarcField } from "@natlibfi/marc-record";
import { ISO2709 } from "@natlibfi/marc-record-serializers";
import type { SearchParams } from "../api/catalogue/types.js";
import { isbn13Check } from "../api/catalogue/import/isbn.js";
import type { Vocabulary } from "../search/vocabulary.js";

const NOUNS = (
  "laut pelangi bumi manusia rumah kaca senja hujan bulan matahari sungai gunung perempuan anak negeri menara cinta " +
  "jalan kampung pulau timur angin cerita rakyat sejarah kota desa sawah nelayan petani guru sekolah pahlawan bahasa " +
  "budaya tenun sasando lontar karang bintang malam pagi mimpi harapan keluarga ibu ayah kakek nenek sahabat rindu " +
  "pantai ombak perahu layar pasar kebun hutan burung kupu ikan kuda kerbau padang savana batu api air tanah langit " +
  "awan badai musim kemarau pelabuhan kapal dermaga jembatan pintu jendela lampu surat buku pena tinta kertas lagu " +
  "tari gong gendang suling doa janji rahasia jejak bayang cahaya kabut embun fajar petang purnama gerhana istana " +
  "raja ratu putri pangeran prajurit pendekar penyair pelukis penenun pedagang guru dokter bidan sopir tukang " +
  "merdeka revolusi perang damai kemerdekaan perjuangan persahabatan kenangan perjalanan pengembaraan kepulangan"
).split(" ");
const ADJECTIVES = "biru merah putih hitam hijau sunyi panjang terakhir pertama hilang abadi kecil besar tua muda jauh dalam tinggi rapuh liar indah".split(" ");
const PLACES = ["Kupang", "Rote", "Sabu", "Alor", "Flores", "Sumba", "Timor", "Lembata", "Ende", "Atambua", "Soe", "Larantuka", "Belitung", "Jawa", "Sumatra", "Makassar", "Ambon", "Jakarta", "Yogyakarta", "Bali"];
const FAMILY = (
  "Hirata Toer Tohari Mangunwijaya Lestari Kurniawan Fuadi Pamuntjak Chudori Ajidarma Rusli Moeis Mihardja Lubis " +
  "Sastrowardoyo Ndun Bria Manafe Fanggidae Nope Amalo Benu Bolla Dethan Foenay Haning Kase Lakapu Lerik Mella Nenobais " +
  "Pellokila Riwu Sabaat Tallo Tefa Tuati Ulu Wila Zacharias Nainggolan Simanjuntak Siregar Harahap Lubis Nasution " +
  "Pohan Situmorang Sinaga Tambunan Wijaya Santoso Setiawan Gunawan Hidayat Kusuma Pratama Saputra Nugroho Wibowo " +
  "Susanto Hartono Purnomo Utomo Suryadi Rahman Hakim Syahrial Effendi Rosidi Sumardjo Djamil Soetomo Koesoema Tjahjono"
).split(" ");
const GIVEN = (
  "Andrea Ahmad Dewi Eka Laksmi Leila Seno Marah Abdoel Mochtar Sapardi Yohanes Maria Agustinus Theresia Yosef Fransiska " +
  "Petrus Paulus Margaretha Elisabeth Yakobus Stefanus Kristina Agnes Budi Siti Nur Rina Rudi Hendra Wahyu Sri Made Ketut " +
  "Nyoman Putu Agus Yuliana Oktavianus Fredrik Marthen Yance Oni Ina Tini Oemar Soewarsih Djoko Tjipto Nanik Hamid"
).split(" ");
const PUBLISHERS: [string, string][] = [
  ["Jakarta", "Gramedia Pustaka Utama"], ["Yogyakarta", "Bentang Pustaka"], ["Jakarta", "Balai Pustaka"], ["Jakarta", "Kepustakaan Populer Gramedia"],
  ["Bandung", "Mizan"], ["Kupang", "Lembaga Bahasa NTT"], ["Jakarta", "Republika"], ["Yogyakarta", "Kanisius"], ["Jakarta", "Penebar Swadaya"],
  ["Jakarta", "Erlangga"], ["Surabaya", "Airlangga University Press"], ["Jakarta", "Djambatan"],
];
const ENGLISH_WORDS = "island sea journey history garden voice night memory river mountain children stories village farming guide world light".split(" ");
export const BRANCHES = ["PUSAT", "OEBOBO", "MAULAFA", "ALAK", "KELAPALIMA"];

/** What the query generator needs to know about a record. */
export type BenchRecord = {
  title: string;
  authorFamily: string;
  authorGiven: string;
  subjectId: string;
  subjectEn: string | null;
  isbn: string | null;
  branches: string[];
  language: string;
  year: number;
};

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cap = (w: string) => w.replace(/(^|\s)(\p{L})/gu, (_, s: string, c: string) => s + c.toUpperCase());
const df = (tag: string, ind1: string, ind2: string, ...subs: [string, string][]): MarcField => ({ tag, ind1, ind2, subfields: subs.map(([code, value]) => ({ code, value })) });

/** A generator of synthetic MARC records with the facts the queries are built from. */
export function syntheticCatalogue(vocab: Vocabulary, seed: number) {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const subjects = vocab.subjects.filter((s) => s.id.length > 0);
  const famous = vocab.authors;

  function title(subjectId: string, fiction: boolean, english: boolean): string {
    if (english) return cap(`${pick(ENGLISH_WORDS)} of the ${pick(ENGLISH_WORDS)}`);
    if (!fiction) {
      const forms = ["Panduan praktis {s}", "{s} untuk pemula", "Pengantar {s}", "Mengenal {s}", "Dasar-dasar {s}", "{s} di {p}", "Seri {s}"];
      return cap(pick(forms).replace("{s}", subjectId).replace("{p}", pick(PLACES)));
    }
    const forms = ["{n} {n}", "{n} {a}", "{n} di {p}", "{n} dan {n}", "Kisah {n} dari {p}", "{n} yang {a}", "{n} {n} {a}"];
    return cap(pick(forms).replace(/\{n\}/g, () => pick(NOUNS)).replace(/\{a\}/g, () => pick(ADJECTIVES)).replace("{p}", pick(PLACES)));
  }

  return function record(n: number): { marc: MarcRecord; meta: BenchRecord } {
    const english = random() < 0.06;
    const fiction = !english && random() < 0.45;
    const subject = pick(subjects);
    const subjectId = fiction ? pick(["fiksi indonesia", "novel indonesia", "cerita pendek indonesia", "cerita rakyat"]) : subject.id[0]!;
    const t = title(subjectId, fiction, english);
    let family = pick(FAMILY);
    let given = pick(GIVEN);
    let heading = `${family}, ${given}`;
    if (random() < 0.04) {
      // A well-known author now and then, so author nicknames in the query mix find something.
      heading = pick(famous).name;
      [family, given] = heading.includes(",") ? heading.split(",").map((s) => s.trim()) as [string, string] : [heading, ""];
    }
    const [place, publisher] = pick(PUBLISHERS);
    const year = 1950 + Math.floor(random() * 76);
    const language = english ? "eng" : random() < 0.03 ? "jav" : "ind";
    const isbn = random() < 0.85 ? (() => { const f = `978602${String(n).padStart(6, "0")}`; return f + isbn13Check(f); })() : null;
    const id = String(n).padStart(7, "0");
    const fields: MarcField[] = [
      { tag: "001", value: `BEN${id}` },
      { tag: "008", value: `250101s${year}    io            000 ${fiction ? 1 : 0} ${language} d` },
      ...(isbn ? [df("020", " ", " ", ["a", isbn])] : []),
      df("041", "0", " ", ["a", language]),
      df("082", "0", "4", ["a", `${fiction ? "899.221" : `${100 + Math.floor(random() * 800)}.${Math.floor(random() * 100)}`}`]),
      df("100", "1", " ", ["a", `${heading},`], ["e", "pengarang."]),
      df("245", "1", "0", ["a", `${t}${random() < 0.3 ? " :" : " /"}`], ...(random() < 0.3 ? [["b", `${pick(NOUNS)} ${pick(ADJECTIVES)} /`] as [string, string]] : []), ["c", `${given} ${family}.`]),
      df("260", " ", " ", ["a", `${place} :`], ["b", `${publisher},`], ["c", `${year}.`]),
      df("300", " ", " ", ["a", `${60 + Math.floor(random() * 500)} hlm. ;`], ["c", "21 cm."]),
    ];
    if (random() < 0.5) {
      fields.push(df("520", " ", " ", ["a", `Kisah tentang ${pick(NOUNS)} dan ${pick(NOUNS)} di ${pick(PLACES)}, ditulis untuk pembaca ${pick(["remaja", "dewasa", "anak-anak", "umum"])}.`]));
    }
    fields.push(df("650", " ", "4", ["a", cap(subjectId)]));
    if (random() < 0.5) fields.push(df("650", " ", "4", ["a", cap(pick(subjects).id[0]!)]));
    const copies = 1 + Math.floor(random() * 4);
    const branches: string[] = [];
    for (let c = 1; c <= copies; c++) {
      const branch = pick(BRANCHES);
      branches.push(branch);
      const r = random();
      const subs: [string, string][] = [["a", branch], ["b", branch], ["p", `BEN${id}-${c}`], ["o", `${fiction ? "899.221" : "600"} ${family.slice(0, 3).toUpperCase()} ${t[0]!.toLowerCase()}`]];
      if (r < 0.22) subs.push(["q", `2026-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`]);
      else if (r < 0.25) subs.push(["1", "1"]);
      else subs.push(["7", "0"]);
      fields.push(df("952", " ", " ", ...subs));
    }
    const marc = new MarcRecord();
    marc.leader = "00000nam a2200000 a 4500";
    marc.fields = fields;
    return {
      marc,
      meta: { title: t, authorFamily: family, authorGiven: given, subjectId, subjectEn: fiction ? null : (subject.en[0] ?? null), isbn, branches, language, year },
    };
  };
}

/** ISO 2709 bytes of a record. */
export function toIso2709(marc: MarcRecord): Buffer {
  return Buffer.from(ISO2709.to(marc), "utf8");
}

function typo(word: string, random: () => number): string {
  if (word.length < 5) return word;
  const i = 1 + Math.floor(random() * (word.length - 2));
  const op = random();
  if (op < 0.4) return word.slice(0, i) + word.slice(i + 1); // dropped letter
  if (op < 0.7) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2); // swapped letters
  const vowels = "aiueo";
  const c = word[i]!;
  return word.slice(0, i) + (vowels.includes(c) ? vowels[(vowels.indexOf(c) + 1) % 5] : c + c) + word.slice(i + 1);
}

const hyphenate = (isbn: string) => `${isbn.slice(0, 3)}-${isbn.slice(3, 6)}-${isbn.slice(6, 12)}-${isbn.slice(12)}`;
function isbn10(isbn13: string): string {
  const nine = isbn13.slice(3, 12);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return nine + (check === 10 ? "X" : String(check));
}

/** A mixed, deterministic query load over the catalogue: title words, typos, authors, subjects, ISBNs, everyday phrases, filters, browsing. */
export function queryMix(records: BenchRecord[], vocab: Vocabulary, count: number, seed: number): SearchParams[] {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const out: SearchParams[] = [];
  const content = (t: string) => t.toLowerCase().split(/[^\p{L}]+/u).filter((w) => w.length > 2 && !["dan", "yang", "di", "dari", "untuk", "the", "of"].includes(w));
  while (out.length < count) {
    const r = pick(records);
    const kind = random();
    const base: SearchParams = { page: 1, limit: 10, channel: "bench" };
    const words = content(r.title);
    if (kind < 0.22) base.q = words.slice(0, 2 + Math.floor(random() * 2)).join(" ");
    else if (kind < 0.35) base.q = words.slice(0, 2).map((w, i) => (i === 0 || words.length === 1 ? typo(w, random) : w)).join(" ");
    else if (kind < 0.5) base.q = random() < 0.5 ? r.authorFamily : `${r.authorGiven} ${r.authorFamily}`.trim();
    else if (kind < 0.65) base.q = r.subjectEn && random() < 0.4 ? r.subjectEn : r.subjectId;
    else if (kind < 0.73) {
      if (!r.isbn) continue;
      base.q = random() < 0.7 ? hyphenate(r.isbn) : isbn10(r.isbn);
    } else if (kind < 0.83) {
      base.q = words.slice(0, 2).join(" ");
      base.branch = pick(r.branches);
      base.available = random() < 0.6;
    } else if (kind < 0.95) {
      const f = random();
      if (f < 0.3) Object.assign(base, { branch: pick(r.branches), available: true });
      else if (f < 0.5) base.language = r.language;
      else if (f < 0.8) Object.assign(base, { yearFrom: r.year - 5, yearTo: r.year + 5 });
      else Object.assign(base, { language: "ind", available: true, yearFrom: 2000 });
      base.page = 1 + Math.floor(random() * 3);
    } else {
      const e = pick(vocab.everyday);
      base.q = pick(e.phrases);
    }
    if (base.q && random() < 0.15) Object.assign(base, { yearFrom: 1980 });
    if (base.q !== undefined && base.q.trim() === "") continue;
    out.push(base);
  }
  return out;
}
