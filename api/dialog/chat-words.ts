// Chat words around a search ("ada buku … gak?", "nyari novel …", "do you have …") are removed
// from the edges only: words inside a title ("Ada Apa dengan Cinta?") stay, because the search
// engine drops words from the end of a query first and would lose the real title words.

const LEADING = new Set(
  [
    // asking
    "ada", "adakah", "apakah", "apa", "apkh", "gimana", "bagaimana", "kalo", "kalau", "klo",
    "punya", "punyakah", "kalian", "perpus", "perpustakaan", "sini", "disini",
    // searching / wanting
    "cari", "cariin", "carikan", "carik", "mencari", "nyari", "nyariin", "lagi", "lg", "sedang",
    "mau", "mo", "pengen", "pengin", "ingin", "butuh", "perlu", "minta", "tolong", "tlg", "tolongin", "bantu",
    "pinjam", "pinjem", "minjem", "minjam", "meminjam", "baca", "membaca",
    // people and politeness
    "saya", "sy", "aku", "ak", "gw", "gue", "gua", "kak", "kakak", "ka", "min", "mimin", "admin",
    "pak", "bu", "ibu", "bapak", "mas", "mbak", "gan", "sis", "bang", "halo", "hai", "hallo", "permisi", "maaf",
    "dong", "donk", "deh", "sih", "nih", "ya", "yah", "yaa",
    // English
    "do", "does", "you", "have", "has", "any", "is", "are", "there", "a", "an", "the", "i", "im", "i'm", "am",
    "looking", "look", "for", "find", "search", "searching", "want", "need", "can", "could", "would", "like",
    "please", "pls", "plz", "me", "get", "borrow", "to", "hi", "hello", "hey", "some",
  ],
);

// Words that announce the subject; after one of them only "about/by/titled" words are still stripped,
// so "ada buku aku ingin …" keeps "aku ingin".
const ANCHORS = new Set(["buku", "bukunya", "buku2", "novel", "novelnya", "komik", "book", "books", "novels", "judul", "judulnya"]);

const AFTER_ANCHOR = new Set([
  "ttg", "tentang", "tntg", "tetang", "mengenai", "soal", "perihal", "karya", "karangan", "tulisan", "oleh", "dari",
  "berjudul", "judul", "judulnya", "yang", "yg", "about", "on", "by", "titled", "called", "named", "the", "a", "an",
]);

const TRAILING = new Set([
  "gak", "ga", "gk", "g", "nggak", "ngga", "enggak", "engga", "tidak", "tdk", "ndak", "nda", "kah", "gaes",
  "dong", "donk", "ya", "yah", "yaa", "sih", "nih", "deh", "kak", "min", "gan", "sis", "bang", "pak", "bu",
  "ada", "yang", "yg", "nya", "please", "pls", "plz", "thanks", "makasih", "tq", "not", "or", "disini", "sini",
  "perpus", "perpustakaan", "library", "ini", "itu", "buku", "book", "di", "in", "at",
]);

/** Removes chat words around the query and returns the words that should be searched for. */
export function stripChatWords(tokens: string[]): string[] {
  let start = 0;
  let anchored = false;
  while (start < tokens.length) {
    const word = tokens[start]!;
    if (!anchored && LEADING.has(word)) start++;
    else if (ANCHORS.has(word)) {
      anchored = true;
      start++;
    } else if (anchored && AFTER_ANCHOR.has(word)) start++;
    else break;
  }
  let end = tokens.length;
  while (end > start && TRAILING.has(tokens[end - 1]!)) end--;
  return tokens.slice(start, end);
}

/** The text between quotes, when the user quoted a title ("ada buku “Bumi Manusia”?"). */
export function quotedPhrase(text: string): string | null {
  const m = /["“”«»](.{2,200}?)["“”«»]/u.exec(text);
  return m ? m[1]!.trim() : null;
}
