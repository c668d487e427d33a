import fs from "node:fs";
import path from "node:path";
import type { BaileysEventMap } from "@whiskeysockets/baileys";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/whatsapp");

/** A recorded-style messages.upsert event from tests/fixtures/whatsapp/<name>.json (a fresh copy each call). */
export function upsertFixture(name: string): BaileysEventMap["messages.upsert"] {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), "utf8")) as BaileysEventMap["messages.upsert"];
}

/** When the fixtures' connection opened (see tests/fixtures/whatsapp/README.md). */
export const FIXTURE_CONNECTED_AT = 1763711990;
