// The citation-js 0.8 packages ship no type declarations; these cover only what api/research uses.
declare module "@citation-js/core" {
  type Register<T> = {
    add(name: string, value: T): Register<T>;
    has(name: string): boolean;
    get(name: string): T | undefined;
    list(): string[];
  };
  type CslConfig = { styles: Register<string>; locales: Register<string> };
  type BibtexConfig = { format: { useIdAsLabel: boolean; checkLabel: boolean; asciiOnly: boolean } };

  export class Cite {
    constructor(data?: unknown, options?: Record<string, unknown>);
    data: Array<Record<string, unknown>>;
    format(format: string, options?: Record<string, unknown>): unknown;
  }

  export const plugins: {
    config: {
      get(name: "@csl"): CslConfig;
      get(name: "@bibtex"): BibtexConfig;
      get(name: string): unknown;
    };
    list(): string[];
  };
}

declare module "@citation-js/plugin-csl" {}
declare module "@citation-js/plugin-ris" {}
declare module "@citation-js/plugin-bibtex" {}
