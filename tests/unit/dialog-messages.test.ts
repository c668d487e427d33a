import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES } from "../../api/i18n/locale.js";
import { createI18n, loadCatalogs, MessageCatalogError, placeholders } from "../../api/i18n/messages.js";

describe("message catalogs in prompts/messages", () => {
  const catalogs = loadCatalogs();

  it("every key exists in every locale, so no user ever sees a raw key", () => {
    const all = new Set(LOCALES.flatMap((l) => Object.keys(catalogs[l])));
    for (const locale of LOCALES) {
      const missing = [...all].filter((k) => !(k in catalogs[locale]));
      expect(missing, `keys missing in ${locale}.json`).toEqual([]);
    }
  });

  it("each message uses the same {placeholders} in every locale", () => {
    const problems: string[] = [];
    for (const key of Object.keys(catalogs.id)) {
      const expected = placeholders(catalogs.id[key]!).join(",");
      for (const locale of LOCALES) {
        const got = placeholders(catalogs[locale][key] ?? "").join(",");
        if (got !== expected) problems.push(`${locale}:${key} has {${got}} but id has {${expected}}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("no message is empty", () => {
    for (const locale of LOCALES) {
      expect(Object.entries(catalogs[locale]).filter(([, v]) => v.trim() === "").map(([k]) => k)).toEqual([]);
    }
  });

  it("the parity check itself notices a key that exists in one locale only", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-msg-"));
    fs.writeFileSync(path.join(dir, "id.json"), JSON.stringify({ a: { b: "Halo {name}" }, only_id: "x" }));
    fs.writeFileSync(path.join(dir, "en.json"), JSON.stringify({ a: { b: "Hello {nama}" } }));
    const c = loadCatalogs(dir);
    expect(Object.keys(c.id).filter((k) => !(k in c.en))).toEqual(["only_id"]);
    expect(placeholders(c.id["a.b"]!)).not.toEqual(placeholders(c.en["a.b"]!));
    fs.rmSync(dir, { recursive: true });
  });

  it("a broken catalog file is reported with its path", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-msg-"));
    fs.writeFileSync(path.join(dir, "id.json"), "{ not json");
    fs.writeFileSync(path.join(dir, "en.json"), "{}");
    expect(() => loadCatalogs(dir)).toThrow(MessageCatalogError);
    expect(() => loadCatalogs(dir)).toThrow(/id\.json/);
    fs.rmSync(dir, { recursive: true });
  });

  it("fills placeholders and falls back to Indonesian for a key missing in English", () => {
    const i18n = createI18n({ catalogs: { id: { "x.y": "Halo {name}", "x.z": "Hanya id" }, en: { "x.y": "Hello {name}" } } });
    expect(i18n.t("en", "x.y" as never, { name: "Ani" })).toBe("Hello Ani");
    expect(i18n.t("en", "x.z" as never)).toBe("Hanya id");
  });
});
