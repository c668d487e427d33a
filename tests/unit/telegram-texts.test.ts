import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CORE_COMMANDS } from "../../api/dialog/core-rules.js";
import { catalogKeys } from "../../bot/channel-texts.js";
import { DEFAULT_TELEGRAM_TEXTS_DIR, loadTelegramTexts, telegramLocale } from "../../bot/telegram/texts.js";

describe("Telegram adapter texts", () => {
  it("has the same keys and placeholders in every locale", () => {
    const texts = loadTelegramTexts();
    expect(catalogKeys(texts.en).sort()).toEqual(catalogKeys(texts.id).sort());
    const leaf = (o: unknown, key: string) => key.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], o) as string;
    for (const key of catalogKeys(texts.id)) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(leaf(texts.en, key)), key).toEqual(names(leaf(texts.id, key)));
    }
  });

  it("fails naming the file when a locale lacks a key", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-texts-"));
    fs.copyFileSync(path.join(DEFAULT_TELEGRAM_TEXTS_DIR, "id.json"), path.join(dir, "id.json"));
    const en = JSON.parse(fs.readFileSync(path.join(DEFAULT_TELEGRAM_TEXTS_DIR, "en.json"), "utf8"));
    delete en.inline.available;
    fs.writeFileSync(path.join(dir, "en.json"), JSON.stringify(en));
    expect(() => loadTelegramTexts(dir)).toThrow(/en\.json: missing inline\.available/);
    fs.rmSync(dir, { recursive: true });
  });

  it("narrows Telegram language codes", () => {
    expect(telegramLocale("en-US")).toBe("en");
    expect(telegramLocale("id")).toBe("id");
    expect(telegramLocale("jv")).toBe("id");
    expect(telegramLocale(undefined)).toBe("id");
  });

  it("lists only commands the engine understands", () => {
    const known = new Set(CORE_COMMANDS.flatMap((c) => c.names));
    const texts = loadTelegramTexts();
    for (const { command } of [...texts.id.commands, ...texts.en.commands]) expect(known, command).toContain(command);
  });

  it("keeps command names valid for setMyCommands", () => {
    const texts = loadTelegramTexts();
    for (const { command } of [...texts.id.commands, ...texts.en.commands]) expect(command).toMatch(/^[a-z0-9_]{1,32}$/);
  });
});
