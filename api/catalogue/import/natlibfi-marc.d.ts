// The @natlibfi MARC packages ship no types; these cover the parts the importer and its tests use.
declare module "@natlibfi/marc-record" {
  export type MarcSubfield = { code: string; value?: string };
  export type MarcControlField = { tag: string; value: string };
  export type MarcDataField = { tag: string; ind1: string; ind2: string; subfields: MarcSubfield[] };
  export type MarcField = MarcControlField | MarcDataField;
  export type ValidationOptions = Partial<{
    strict: boolean;
    noFailValidation: boolean;
    fields: boolean;
    subfields: boolean;
    subfieldValues: boolean;
    controlFieldValues: boolean;
    leader: boolean;
    characters: boolean;
    noControlCharacters: boolean;
    noAdditionalProperties: boolean;
  }>;
  export class MarcRecord {
    constructor(record?: { leader: string; fields: MarcField[] }, validationOptions?: ValidationOptions);
    leader: string;
    fields: MarcField[];
    get(query: RegExp | string): MarcField[];
    appendField(field: MarcField): this;
    getControlfields(): MarcControlField[];
    getDatafields(): MarcDataField[];
  }
}

declare module "@natlibfi/marc-record-serializers" {
  import type { MarcRecord, ValidationOptions } from "@natlibfi/marc-record";
  export const ISO2709: {
    from(data: string, validationOptions?: ValidationOptions): MarcRecord;
    to(record: MarcRecord): string;
  };
  export const MARCXML: {
    from(data: string, validationOptions?: ValidationOptions): Promise<MarcRecord>;
    to(record: MarcRecord, opts?: { omitDeclaration?: boolean; indent?: boolean }): string;
  };
}
