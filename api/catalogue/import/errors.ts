import { AppError } from "../../errors.js";

/** The input is not a catalogue we can read (an image, JSON, a CSV with other columns...); nothing was written. */
export class NotACatalogueError extends AppError {
  constructor(reason: string, details: Record<string, unknown> = {}) {
    super(422, "not_a_catalogue", `This file is not a catalogue the importer can read: ${reason}`, { reason, ...details });
    this.name = "NotACatalogueError";
  }
}

/** The input cannot be opened or read (missing file, directory, permission). */
export class ImportInputError extends AppError {
  constructor(message: string) {
    super(400, "import_input", message);
    this.name = "ImportInputError";
  }
}

/** A branch map or import option is unusable. */
export class ImportOptionError extends AppError {
  constructor(message: string) {
    super(400, "import_option", message);
    this.name = "ImportOptionError";
  }
}

/** One record cannot be parsed; the importer reports it and carries on. */
export class RecordError extends Error {
  constructor(
    readonly problem: string,
    readonly field?: string,
    /** Line within the record where the problem is (0 = the record's first line), when known. */
    readonly lineInRecord?: number,
  ) {
    super(field ? `${field}: ${problem}` : problem);
    this.name = "RecordError";
  }
}
