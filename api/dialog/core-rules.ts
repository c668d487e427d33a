import { toLocale } from "../i18n/locale.js";
import { extractBranch } from "./branch-match.js";
import { findDay } from "./day-match.js";
import type { Intent, TextInput, TextRule } from "./intent.js";
import { hasAny, hasPhrase, onlyWords } from "./keywords.js";
import { parseSearch } from "./parse-search.js";

// Words that make a message a catalogue search even when it also mentions hours, lessons or data
// ("buku pelajaran matematika", "cari buku tentang jam buka toko").
const SEARCH_CUES = ["buku", "bukunya", "novel", "novelnya", "komik", "book", "books", "novels", "judul", "karya", "ttg", "carikan", "cariin", "nyari", "cari", "mencari", "search", "find", "isbn"];

const YES = ["ya", "iya", "iyaa", "yes", "y", "ok", "oke", "okay", "yakin", "setuju", "lanjut", "boleh", "hapus", "sure", "delete"];
const NO = ["tidak", "tdk", "gak", "ga", "nggak", "enggak", "no", "n", "batal", "cancel", "jangan", "gajadi", "nope", "stop"];

const GREETINGS = [
  "halo", "hallo", "helo", "hai", "hi", "hello", "hey", "hei", "pagi", "siang", "sore", "malam", "selamat", "assalamualaikum",
  "assalamu'alaikum", "salam", "permisi", "p", "kak", "min", "admin", "good", "morning", "afternoon", "evening", "om",
  "swastiastu", "shalom", "bro", "sis", "gan", "ges", "guys", "selamatpagi",
];
const THANKS = ["makasih", "makasi", "terima", "kasih", "trima", "thanks", "thank", "you", "thx", "tq", "tks", "trims", "mksh", "suwun", "matur", "nuwun", "banyak", "ok", "oke", "sip", "mantap", "siap", "baik", "kak", "min", "ya"];
const LANGUAGE_WORDS = [
  "english", "inggris", "indonesia", "indonesian", "bahasa", "language", "please", "pls", "in", "speak", "switch", "to", "pakai", "pake",
  "ganti", "ke", "use", "can", "you", "mode", "the", "berbahasa", "dalam", "dong", "aja", "saja", "change", "set", "only", "balas", "reply", "jawab",
];
const HELP_WORDS = ["menu", "help", "bantuan", "tolong", "bantu", "panduan", "petunjuk", "guide", "info", "informasi", "fitur", "features", "apa", "bisa", "saja", "aja", "kak", "min", "please", "dong"];

function isSearchy(tokens: string[]): boolean {
  return hasAny(tokens, SEARCH_CUES);
}

/** The text rules of the engine itself; later features add theirs to the same registry. */
export function coreTextRules(): TextRule[] {
  return [
    {
      name: "pending-confirmation",
      priority: 100,
      match(input) {
        if (!input.state.pending) return null;
        if (onlyWords(input.tokens, YES)) return { name: input.state.pending.kind, arg: "yes", via: "text" };
        if (onlyWords(input.tokens, NO)) return { name: input.state.pending.kind, arg: "no", via: "text" };
        return null;
      },
    },
    {
      name: "privacy",
      priority: 90,
      match({ tokens }) {
        if (isSearchy(tokens)) return null;
        const aboutData = hasAny(tokens, ["data", "dataku", "datanya", "privasi", "privacy"]);
        if (!aboutData) return null;
        if (hasAny(tokens, ["hapus", "hapuskan", "delete", "remove", "erase", "lupakan", "forget", "menghapus"])) return { name: "forget", via: "text" };
        if (hasAny(tokens, ["dataku", "privasi", "privacy"]) || hasAny(tokens, ["saya", "aku", "ku", "my", "me", "disimpan", "simpan", "stored", "store", "keep"])) {
          return { name: "mydata", via: "text" };
        }
        return null;
      },
    },
    {
      name: "language",
      priority: 85,
      match({ tokens }) {
        if (!onlyWords(tokens, LANGUAGE_WORDS)) return null;
        if (hasAny(tokens, ["english", "inggris"])) return { name: "lang", locale: "en", arg: "en", via: "text" };
        if (hasAny(tokens, ["indonesia", "indonesian"])) return { name: "lang", locale: "id", arg: "id", via: "text" };
        if (hasAny(tokens, ["bahasa", "language"])) return { name: "lang", via: "text" };
        return null;
      },
    },
    {
      name: "librarian",
      priority: 70,
      match({ tokens }) {
        if (isSearchy(tokens)) return null;
        // Not "manusia"/"human" alone: "Bumi Manusia" is one of the most asked-for titles.
        if (hasAny(tokens, ["pustakawan", "librarian", "petugas", "operator", "staf", "staff", "pegawai"])) return { name: "librarian", via: "text" };
        if (["bicara", "ngobrol", "talk", "speak", "chat"].some((w) => hasPhrase(tokens, [w, "dengan"]) || hasPhrase(tokens, [w, "to"]) || hasPhrase(tokens, [w, "sama"]))) return { name: "librarian", via: "text" };
        return null;
      },
    },
    {
      name: "lessons",
      priority: 65,
      match({ tokens }) {
        if (isSearchy(tokens)) return null;
        return hasAny(tokens, ["pelajaran", "belajar", "kursus", "lesson", "lessons", "course", "courses", "literasi", "kuis", "quiz", "modul", "kelas"])
          ? { name: "lessons", via: "text" }
          : null;
      },
    },
    {
      name: "citation",
      priority: 65,
      match({ tokens }) {
        return hasAny(tokens, ["sitasi", "sitasinya", "kutipan", "mengutip", "citation", "citations", "cite", "bibliografi", "bibliography", "referensi"]) ||
          hasPhrase(tokens, ["daftar", "pustaka"])
          ? { name: "cite", via: "text" }
          : null;
      },
    },
    {
      name: "hours",
      priority: 60,
      match({ tokens, branches }) {
        if (isSearchy(tokens)) return null;
        const asks =
          hasAny(tokens, ["buka", "tutup", "libur", "open", "opening", "opens", "closed", "closes", "closing", "hours", "operasional"]) ||
          hasPhrase(tokens, ["jam", "berapa"]) ||
          hasPhrase(tokens, ["jam", "layanan"]) ||
          hasPhrase(tokens, ["jam", "kerja"]);
        if (!asks) return null;
        return { name: "hours", day: findDay(tokens) ?? undefined, branch: extractBranch(tokens, branches).code, via: "text" };
      },
    },
    {
      name: "library-info",
      priority: 55,
      match({ tokens, branches }) {
        if (isSearchy(tokens)) return null;
        const { code, tokens: rest } = extractBranch(tokens, branches);
        const asks =
          hasAny(tokens, ["alamat", "alamatnya", "lokasi", "lokasinya", "letak", "letaknya", "dimana", "where", "address", "location", "peta", "map", "maps", "kontak", "telepon", "telp", "phone", "contact", "rute", "directions"]) ||
          hasPhrase(tokens, ["di", "mana"]) ||
          onlyWords(rest, ["cabang", "branch", "branches", "perpustakaan", "library", "libraries", "daftar", "list", "semua", "all", "apa", "saja", "aja", "mana", "ada", "the"]) ||
          (code !== null && rest.length === 0);
        return asks ? { name: "info", branch: code, via: "text" } : null;
      },
    },
    {
      name: "greeting",
      priority: 40,
      match: ({ tokens }) => (onlyWords(tokens, GREETINGS) ? { name: "greeting", via: "text" } : null),
    },
    {
      name: "thanks",
      priority: 40,
      match: ({ tokens }) => (onlyWords(tokens, THANKS) && hasAny(tokens, ["makasih", "makasi", "kasih", "thanks", "thank", "thx", "tq", "tks", "trims", "mksh", "suwun", "nuwun"]) ? { name: "thanks", via: "text" } : null),
    },
    {
      name: "help",
      priority: 35,
      match({ tokens, raw }) {
        if (raw.trim() === "?") return { name: "help", via: "text" };
        if (onlyWords(tokens, HELP_WORDS) && hasAny(tokens, ["menu", "help", "bantuan", "tolong", "bantu", "panduan", "petunjuk", "guide", "fitur", "features"])) return { name: "help", via: "text" };
        if (hasPhrase(tokens, ["bisa", "apa"]) || hasPhrase(tokens, ["apa", "yang", "bisa"]) || hasPhrase(tokens, ["what", "can", "you"]) || hasPhrase(tokens, ["cara", "pakai"]) || hasPhrase(tokens, ["how", "to", "use"])) {
          return { name: "help", via: "text" };
        }
        return null;
      },
    },
    {
      // Anything else is a catalogue search: the most common thing residents write.
      name: "search",
      priority: 0,
      match({ raw, branches }): Intent {
        return { name: "search", search: parseSearch(raw, branches), via: "text" };
      },
    },
  ];
}

/** Slash commands of the engine itself (Indonesian and English names). */
export const CORE_COMMANDS: { names: string[]; intent: (arg: string) => Omit<Intent, "via"> }[] = [
  { names: ["start", "mulai"], intent: (arg) => ({ name: "start", arg }) },
  { names: ["help", "bantuan", "menu", "tolong"], intent: () => ({ name: "help" }) },
  { names: ["bahasa", "language", "lang"], intent: (arg) => ({ name: "lang", locale: toLocale(arg) ?? undefined, arg: toLocale(arg) ?? undefined }) },
  { names: ["dataku", "mydata", "privasi", "privacy"], intent: () => ({ name: "mydata" }) },
  { names: ["hapusdata", "deletedata", "forget"], intent: () => ({ name: "forget" }) },
  { names: ["cari", "search", "find"], intent: (arg) => ({ name: "search", arg }) },
  { names: ["jam", "jambuka", "hours"], intent: () => ({ name: "hours" }) },
  { names: ["lokasi", "cabang", "alamat", "info", "branches", "location"], intent: () => ({ name: "info" }) },
  { names: ["belajar", "pelajaran", "lessons", "learn"], intent: () => ({ name: "lessons" }) },
  { names: ["sitasi", "cite", "citation"], intent: () => ({ name: "cite" }) },
  { names: ["tanya", "pustakawan", "librarian", "ask"], intent: () => ({ name: "librarian" }) },
];
