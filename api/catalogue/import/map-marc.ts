import type { MarcDataField, MarcRecord } from "@natlibfi/marc-record";
import { collectIsbns } from "./isbn.js";
import { normalizeLanguage } from "./language.js";
import { mapMarcHoldings } from "./map-marc-holdings.js";
import { controlValue, dataFields, indexFields, sub, subValues, type FieldIndex } from "./marc-fields.js";
import { marcRecordFormat } from "./record-format.js";
import { deriveSourceId, MAX_KEY_LENGTH } from "./source-id.js";
import { cleanText, parsePages, parseYear, stripIsbd } from "./text-clean.js";
import type { Issue, MappedRecord } from "./types.js";

// Relator terms that just say "author": the main entry needs no role in brackets.
const AUTHOR_ROLES = /^(?:author|aut|pengarang|penulis|pengarang utama|writer|creator|cre)$/i;
const SUBJECT_TAGS = ["600", "610", "611", "630", "650", "651", "653", "655"];

function title245(f: MarcDataField): string | null {
  let title = stripIsbd(sub(f, "a"));
  if (title === null) return null;
  let prev = "a";
  for (const s of f.subfields) {
    if (s.code !== "n" && s.code !== "p") continue;
    const part = stripIsbd(s.value);
    if (!part) continue;
    title += (prev === "n" && s.code === "p" ? ", " : ". ") + part;
    prev = s.code;
  }
  return title;
}

function person(f: MarcDataField): string | null {
  const name = stripIsbd(subValues(f, "ab").join(" "));
  if (!name) return null;
  const role = stripIsbd(sub(f, "e") ?? sub(f, "4"));
  return role && !AUTHOR_ROLES.test(role) ? `${name} (${role})` : name;
}

function authors(index: FieldIndex): string[] {
  const out: string[] = [];
  for (const tag of ["100", "110", "111", "700", "710", "711"]) {
    for (const f of dataFields(index, tag)) {
      const name = person(f);
      if (name && !out.includes(name)) out.push(name);
    }
  }
  return out;
}

function subjects(index: FieldIndex): string[] {
  const out: string[] = [];
  for (const tag of SUBJECT_TAGS) {
    for (const f of dataFields(index, tag)) {
      const parts = subValues(f, "abvxyz").map(stripIsbd).filter((p): p is string => p !== null);
      const subject = parts.join(" -- ");
      if (subject && !out.includes(subject)) out.push(subject);
    }
  }
  return out;
}

function isbns(index: FieldIndex, issues: Issue[]): string[] {
  const out: string[] = [];
  for (const f of dataFields(index, "020")) {
    for (const raw of subValues(f, "a")) {
      collectIsbns(raw.split(/[;,]|\s\/\s/).filter((one) => one.trim()), "020$a", issues, out);
    }
  }
  return out;
}

function publication(index: FieldIndex): { place: string | null; publisher: string | null; year: number | null } {
  const f264 = dataFields(index, "264");
  const f = f264.find((x) => x.ind2 === "1") ?? dataFields(index, "260")[0] ?? f264[0];
  const fixed = controlValue(index, "008");
  const fixedYear = fixed && /^\d{4}$/.test(fixed.slice(7, 11)) ? Number(fixed.slice(7, 11)) : null;
  const copyright = f264.find((x) => x.ind2 === "4");
  return {
    place: f ? stripIsbd(sub(f, "a")) : null,
    publisher: f ? stripIsbd(subValues(f, "b").join(" ; ")) : null,
    year: parseYear(f ? sub(f, "c") : undefined) ?? parseYear(copyright ? sub(copyright, "c") : undefined) ?? fixedYear,
  };
}

function callNumber(index: FieldIndex): string | null {
  const local = dataFields(index, "090")[0];
  if (local) {
    const v = cleanText(subValues(local, "ab").join(" "));
    if (v) return v;
  }
  for (const tag of ["084", "082"]) {
    const f = dataFields(index, tag)[0];
    const v = f ? cleanText(sub(f, "a")) : null;
    if (v) return v.replace(/\/+/g, "");
  }
  return null;
}

function ebookUrl(index: FieldIndex, issues: Issue[]): string | null {
  for (const f of dataFields(index, "856")) {
    const label = sub(f, "3") ?? sub(f, "y") ?? "";
    if (/cover|sampul|gambar|thumbnail|image/i.test(label) || f.ind2 === "2") continue;
    const url = cleanText(sub(f, "u"));
    if (!url) continue;
    if (/^https?:\/\/[^\s]+$/i.test(url)) return url;
    issues.push({ field: "856$u", problem: `"${url}" is not an http(s) link; dropped`, dropped: "field" });
  }
  return null;
}

function sourceIdOf(index: FieldIndex): string | null {
  const id = cleanText(controlValue(index, "001"));
  if (id) return id;
  for (const f of dataFields(index, "035")) {
    const v = cleanText(sub(f, "a"));
    if (v) return v;
  }
  return null;
}

/**
 * Maps one MARC 21 bibliographic record to our record shape. Problems with single fields are
 * pushed to `issues` and the field is left out; a record without a title maps to null.
 */
export function mapMarcRecord(record: Pick<MarcRecord, "leader" | "fields">): { value: MappedRecord | null; issues: Issue[] } {
  const issues: Issue[] = [];
  const index = indexFields(record);
  const f245 = dataFields(index, "245")[0];
  const title = f245 ? title245(f245) : null;
  if (!title) {
    issues.push({ field: "245$a", problem: f245 ? "title (245$a) is empty; record skipped" : "no title (245); record skipped", dropped: "record" });
    return { value: null, issues };
  }
  const fixed = controlValue(index, "008");
  const f041 = dataFields(index, "041")[0];
  const items = mapMarcHoldings(index, issues);
  const url = ebookUrl(index, issues);
  const pub = publication(index);
  const f250 = dataFields(index, "250")[0];
  const f300 = dataFields(index, "300")[0];
  const series = dataFields(index, "490")[0] ?? dataFields(index, "440")[0] ?? dataFields(index, "830")[0];
  const summary = dataFields(index, "520")
    .map((f) => cleanText(subValues(f, "a").join(" ")))
    .filter((s): s is string => s !== null);
  const value: MappedRecord = {
    sourceId: "",
    title,
    subtitle: f245 ? stripIsbd(subValues(f245, "b").join(" ")) : null,
    authors: authors(index),
    publisher: pub.publisher,
    place: pub.place,
    year: pub.year,
    isbns: isbns(index, issues),
    language: normalizeLanguage((f041 && sub(f041, "a")) ?? (fixed && fixed.length >= 38 ? fixed.slice(35, 38) : null)),
    subjects: subjects(index),
    series: series ? stripIsbd(sub(series, "a")) : null,
    edition: f250 ? stripIsbd(subValues(f250, "ab").join(" ")) : null,
    pages: f300 ? parsePages(sub(f300, "a")) : null,
    callNumber: callNumber(index) ?? items.find((i) => i.callNumber)?.callNumber ?? null,
    format: marcRecordFormat(record.leader, url !== null, items.length > 0),
    summary: summary.length ? summary.join("\n\n") : null,
    ebookUrl: url,
    items,
  };
  const id = sourceIdOf(index);
  if (id && id.length > MAX_KEY_LENGTH) {
    issues.push({ field: "001", problem: `source id is longer than ${MAX_KEY_LENGTH} characters; record skipped`, dropped: "record" });
    return { value: null, issues };
  }
  value.sourceId = id ?? deriveSourceId(value);
  return { value, issues };
}
