// Catalogues name languages three ways: MARC codes (041/008: "ind"), ISO 639-1 ("id"), or words
// ("Indonesia", "Bahasa Inggris" in SLiMS). We store the MARC (ISO 639-2/B) code so filters agree.
const NAMES: Record<string, string> = {
  ind: "ind", id: "ind", in: "ind", indonesia: "ind", indonesian: "ind", "bahasa indonesia": "ind", "b. indonesia": "ind",
  eng: "eng", en: "eng", english: "eng", inggris: "eng", "bahasa inggris": "eng",
  jav: "jav", jv: "jav", jawa: "jav", javanese: "jav", "bahasa jawa": "jav",
  sun: "sun", su: "sun", sunda: "sun", sundanese: "sun", "bahasa sunda": "sun",
  may: "may", msa: "may", ms: "may", melayu: "may", malay: "may", "bahasa melayu": "may",
  ara: "ara", ar: "ara", arab: "ara", arabic: "ara", "bahasa arab": "ara",
  dut: "dut", nld: "dut", nl: "dut", belanda: "dut", dutch: "dut", "bahasa belanda": "dut",
  chi: "chi", zho: "chi", zh: "chi", mandarin: "chi", chinese: "chi", cina: "chi", tionghoa: "chi",
  jpn: "jpn", ja: "jpn", jepang: "jpn", japanese: "jpn",
  kor: "kor", ko: "kor", korea: "kor", korean: "kor",
  fre: "fre", fra: "fre", fr: "fre", prancis: "fre", perancis: "fre", french: "fre",
  ger: "ger", deu: "ger", de: "ger", jerman: "ger", german: "ger",
  spa: "spa", es: "spa", spanyol: "spa", spanish: "spa",
  por: "por", pt: "por", portugis: "por", portuguese: "por",
  tet: "tet", tetun: "tet",
  bal: "ban", ban: "ban", bali: "ban", balinese: "ban",
  min: "min", minangkabau: "min",
  bug: "bug", bugis: "bug",
  mad: "mad", madura: "mad",
};

/** Normalises a language name or code to a three-letter MARC code; unknown values are kept lower-cased. */
export function normalizeLanguage(raw: string | null | undefined): string | null {
  const key = (raw ?? "").trim().toLowerCase().replace(/\s+/g, " ");
  if (!key || key === "|||" || key === "und" || key === "zxx") return null;
  return NAMES[key] ?? NAMES[key.replace(/^bahasa /, "")] ?? key.slice(0, 40);
}
