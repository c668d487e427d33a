import crypto from "node:crypto";
import type { SignalDataSet, SignalDataTypeMap } from "@whiskeysockets/baileys";
import { Curve, proto, signedKeyPair } from "@whiskeysockets/baileys";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAuthStateStore, type AuthStateStore } from "../../bot/whatsapp/auth-state-store.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

let tdb: TestDatabase;
let store: AuthStateStore;

beforeAll(async () => {
  tdb = await createTestDatabase();
  store = createAuthStateStore(tdb.db);
});
afterAll(async () => {
  await tdb.drop();
});
beforeEach(async () => {
  await store.clear();
});

const bytes = (n: number) => new Uint8Array(crypto.randomBytes(n));

/** One realistic value of every signal key type Baileys stores, made with Baileys' own key functions. */
function everyKeyType(): { [T in keyof SignalDataTypeMap]: SignalDataTypeMap[T] } {
  const identity = Curve.generateKeyPair();
  return {
    "pre-key": Curve.generateKeyPair(),
    session: bytes(420),
    "sender-key": bytes(180),
    "sender-key-memory": { "120363025000000001@g.us": true, "120363025000000002@g.us": false },
    "app-state-sync-key": proto.Message.AppStateSyncKeyData.fromObject({
      keyData: Buffer.from(bytes(32)),
      fingerprint: { rawId: 1_234_567, currentIndex: 3, deviceIndexes: [0, 4, 7] },
      timestamp: 1_763_700_000_123,
    }),
    "app-state-sync-version": {
      version: 17,
      hash: Buffer.from(bytes(128)),
      indexValueMap: { [Buffer.from(bytes(32)).toString("base64")]: { valueMac: Buffer.from(bytes(32)) } },
    },
    "lid-mapping": "201234567890123",
    "device-list": ["0", "12", "27"],
    tctoken: { token: Buffer.from(bytes(24)), timestamp: "1763700000" },
    "identity-key": signedKeyPair(identity, 1).keyPair.public,
  };
}

const asBuffer = (v: Uint8Array) => Buffer.from(v);

describe("WhatsApp auth state in PostgreSQL", () => {
  it("starts with fresh creds and no session, and round-trips creds through a reload", async () => {
    expect(await store.hasSession()).toBe(false);
    const first = await store.load();
    const creds = first.state.creds;
    expect(creds.registered).toBe(false);
    creds.me = { id: "6281234567890:7@s.whatsapp.net", lid: "201234567890123:7@lid", name: "Perpustakaan Kota" };
    creds.registered = true;
    creds.myAppStateKeyId = "AAAAAEcA";
    await first.saveCreds();

    const again = await createAuthStateStore(tdb.db).load();
    expect(await store.hasSession()).toBe(true);
    const loaded = again.state.creds;
    expect(loaded.me).toEqual(creds.me);
    expect(loaded.registrationId).toBe(creds.registrationId);
    expect(loaded.advSecretKey).toBe(creds.advSecretKey);
    expect(asBuffer(loaded.noiseKey.private)).toEqual(asBuffer(creds.noiseKey.private));
    expect(asBuffer(loaded.signedIdentityKey.public)).toEqual(asBuffer(creds.signedIdentityKey.public));
    expect(asBuffer(loaded.signedPreKey.signature)).toEqual(asBuffer(creds.signedPreKey.signature));
    expect(Buffer.isBuffer(loaded.pairingEphemeralKeyPair.public)).toBe(true);
  });

  it("round-trips every signal key type, including app-state-sync-key rebuilt as a protobuf", async () => {
    const values = everyKeyType();
    const data: SignalDataSet = {};
    for (const [type, value] of Object.entries(values)) (data as Record<string, unknown>)[type] = { "k-1": value };
    await store.keys.set(data);

    const fresh = createAuthStateStore(tdb.db);
    for (const type of Object.keys(values) as (keyof SignalDataTypeMap)[]) {
      const got = await fresh.keys.get(type, ["k-1", "missing"]);
      expect(Object.keys(got), type).toEqual(["k-1"]);
    }
    const preKey = (await fresh.keys.get("pre-key", ["k-1"]))["k-1"]!;
    expect(asBuffer(preKey.private)).toEqual(asBuffer(values["pre-key"].private));
    expect(asBuffer((await fresh.keys.get("session", ["k-1"]))["k-1"]!)).toEqual(asBuffer(values.session));
    expect(asBuffer((await fresh.keys.get("sender-key", ["k-1"]))["k-1"]!)).toEqual(asBuffer(values["sender-key"]));
    expect((await fresh.keys.get("sender-key-memory", ["k-1"]))["k-1"]).toEqual(values["sender-key-memory"]);
    expect((await fresh.keys.get("lid-mapping", ["k-1"]))["k-1"]).toBe("201234567890123");
    expect((await fresh.keys.get("device-list", ["k-1"]))["k-1"]).toEqual(["0", "12", "27"]);
    expect(asBuffer((await fresh.keys.get("identity-key", ["k-1"]))["k-1"]!)).toEqual(asBuffer(values["identity-key"]));
    const tc = (await fresh.keys.get("tctoken", ["k-1"]))["k-1"]!;
    expect(tc.token).toEqual(values.tctoken.token);
    expect(tc.timestamp).toBe("1763700000");
    const version = (await fresh.keys.get("app-state-sync-version", ["k-1"]))["k-1"]!;
    expect(version.version).toBe(17);
    expect(version.hash).toEqual(values["app-state-sync-version"].hash);
    const [mac] = Object.values(version.indexValueMap);
    expect(Buffer.isBuffer(mac!.valueMac)).toBe(true);

    const sync = (await fresh.keys.get("app-state-sync-key", ["k-1"]))["k-1"]!;
    expect(sync).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
    const original = values["app-state-sync-key"];
    expect(Buffer.from(sync.keyData!)).toEqual(Buffer.from(original.keyData!));
    expect(sync.fingerprint?.rawId).toBe(1_234_567);
    expect(sync.fingerprint?.deviceIndexes).toEqual([0, 4, 7]);
    expect(Number(sync.timestamp)).toBe(1_763_700_000_123);
    // What Baileys does with it: encode it back to bytes without losing anything.
    const encoded = proto.Message.AppStateSyncKeyData.encode(sync).finish();
    expect(Buffer.from(encoded)).toEqual(Buffer.from(proto.Message.AppStateSyncKeyData.encode(original).finish()));
  });

  it("overwrites on set and deletes keys set to null", async () => {
    await store.keys.set({ "pre-key": { "1": Curve.generateKeyPair(), "2": Curve.generateKeyPair() }, session: { "a.0": bytes(10) } });
    const replacement = Curve.generateKeyPair();
    await store.keys.set({ "pre-key": { "1": replacement, "2": null } });
    const got = await store.keys.get("pre-key", ["1", "2"]);
    expect(Object.keys(got)).toEqual(["1"]);
    expect(asBuffer(got["1"]!.public)).toEqual(asBuffer(replacement.public));
    expect(Object.keys(await store.keys.get("session", ["a.0"]))).toEqual(["a.0"]);
  });

  it("keeps every key when many writers set overlapping keys at once", async () => {
    const ids = Array.from({ length: 40 }, (_, i) => String(i));
    const writers = Array.from({ length: 12 }, (_, w) => {
      // Each writer touches all ids in its own order, the pattern that deadlocks without ordering.
      const order = w % 2 === 0 ? ids : [...ids].reverse();
      const set: Record<string, Uint8Array> = {};
      for (const id of order) set[id] = new Uint8Array([w, Number(id)]);
      return store.keys.set({ session: set, "sender-key-memory": { [`g${w}`]: { "x@g.us": true } } });
    });
    await Promise.all(writers);
    const got = await store.keys.get("session", ids);
    expect(Object.keys(got).sort()).toEqual([...ids].sort());
    // Each row holds one writer's complete value, never a mix.
    for (const id of ids) expect(got[id]![1]).toBe(Number(id));
    const memory = await store.keys.get("sender-key-memory", Array.from({ length: 12 }, (_, w) => `g${w}`));
    expect(Object.keys(memory)).toHaveLength(12);
  });

  it("works through Baileys' cacheable wrapper, and clear() forces a new pairing", async () => {
    const loaded = await store.load();
    loaded.state.creds.me = { id: "6281234567890:7@s.whatsapp.net" };
    await loaded.saveCreds();
    await loaded.state.keys.set({ "pre-key": { "5": Curve.generateKeyPair() } });
    expect(Object.keys(await store.keys.get("pre-key", ["5"]))).toEqual(["5"]);
    expect(Object.keys(await loaded.state.keys.get("pre-key", ["5"]))).toEqual(["5"]);

    await store.clear();
    expect(await store.hasSession()).toBe(false);
    expect(await tdb.db.whatsAppAuthKey.count()).toBe(0);
    const next = await store.load();
    expect(next.state.creds.me).toBeUndefined();
    expect(asBuffer(next.state.creds.noiseKey.public)).not.toEqual(asBuffer(loaded.state.creds.noiseKey.public));
  });
});
