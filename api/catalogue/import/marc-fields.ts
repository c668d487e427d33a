import type { MarcControlField, MarcDataField, MarcField, MarcRecord } from "@natlibfi/marc-record";

/** Fields of a record indexed by tag, read once instead of scanning the field list per tag. */
export type FieldIndex = Map<string, MarcField[]>;

/** Groups a record's fields by tag. */
export function indexFields(record: Pick<MarcRecord, "fields">): FieldIndex {
  const index: FieldIndex = new Map();
  for (const f of record.fields) {
    const list = index.get(f.tag);
    if (list) list.push(f);
    else index.set(f.tag, [f]);
  }
  return index;
}

/** Data fields with this tag (control fields of a misplaced tag are ignored). */
export function dataFields(index: FieldIndex, tag: string): MarcDataField[] {
  return (index.get(tag) ?? []).filter((f): f is MarcDataField => "subfields" in f && Array.isArray(f.subfields));
}

/** Value of the first control field with this tag. */
export function controlValue(index: FieldIndex, tag: string): string | undefined {
  const f = (index.get(tag) ?? []).find((x): x is MarcControlField => "value" in x && typeof x.value === "string");
  return f?.value;
}

/** Values of the given subfield codes, in field order. */
export function subValues(field: MarcDataField, codes: string): string[] {
  const out: string[] = [];
  for (const s of field.subfields) if (codes.includes(s.code) && s.value !== undefined && s.value !== "") out.push(s.value);
  return out;
}

/** First value of a subfield code. */
export function sub(field: MarcDataField, code: string): string | undefined {
  for (const s of field.subfields) if (s.code === code && s.value !== undefined && s.value !== "") return s.value;
  return undefined;
}
