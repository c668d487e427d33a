// The format facet residents filter on. Kept to a short list so the facet stays readable.
export const RECORD_FORMATS = ["book", "ebook", "serial", "reference", "audio", "video", "map", "music", "other"] as const;
export type RecordFormat = (typeof RECORD_FORMATS)[number];

const WORDS: Record<string, RecordFormat> = {
  book: "book", buku: "book", text: "book", teks: "book", monograph: "book", monografi: "book", novel: "book", komik: "book", comic: "book",
  ebook: "ebook", "e-book": "ebook", "buku elektronik": "ebook", "electronic resource": "ebook", "sumber elektronik": "ebook", "computer file": "ebook", online: "ebook",
  reference: "reference", referensi: "reference", rujukan: "reference", "koleksi referensi": "reference", kamus: "reference", dictionary: "reference", ensiklopedia: "reference", encyclopedia: "reference",
  serial: "serial", majalah: "serial", magazine: "serial", journal: "serial", jurnal: "serial", newspaper: "serial", koran: "serial", "surat kabar": "serial",
  audio: "audio", audiobook: "audio", "sound recording": "audio", "rekaman suara": "audio", "buku audio": "audio",
  video: "video", "video recording": "video", "rekaman video": "video", film: "video", dvd: "video", "motion picture": "video",
  map: "map", peta: "map", "cartographic material": "map", "bahan kartografi": "map", atlas: "map",
  music: "music", musik: "music", "music score": "music", "notated music": "music", partitur: "music",
  other: "other", lainnya: "other", kit: "other", realia: "other", "mixed materials": "other",
};

/** Maps a format word (ours, a SLiMS GMD, an RDA content type) to a RecordFormat; undefined when unknown. */
export function parseRecordFormat(raw: string | null | undefined): RecordFormat | null | undefined {
  const key = (raw ?? "").trim().toLowerCase().replace(/[[\]]/g, "").replace(/\s+/g, " ");
  if (!key) return null;
  return WORDS[key];
}

/** Format from the MARC leader (06 type of record, 07 bibliographic level) and whether the record links an e-book. */
export function marcRecordFormat(leader: string, hasOnlineCopy: boolean, hasItems: boolean): RecordFormat {
  const type = leader[6] ?? "a";
  const level = leader[7] ?? "m";
  switch (type) {
    case "a":
    case "t":
      if (level === "s" || level === "b") return "serial";
      return hasOnlineCopy && !hasItems ? "ebook" : "book";
    case "m":
      return "ebook";
    case "i":
      return "audio";
    case "j":
    case "c":
    case "d":
      return "music";
    case "g":
      return "video";
    case "e":
    case "f":
      return "map";
    default:
      return "other";
  }
}
