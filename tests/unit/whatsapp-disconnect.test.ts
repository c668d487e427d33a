import { DisconnectReason } from "@whiskeysockets/baileys";
import { describe, expect, it } from "vitest";
import { classifyDisconnect, describeDisconnect, disconnectCode } from "../../bot/whatsapp/disconnect-reason.js";
import { reconnectDelayMs } from "../../bot/whatsapp/reconnect-backoff.js";
import { boomError } from "../fakes/whatsapp-socket.js";

describe("disconnect classification", () => {
  it("clears the session on logged out and on the codes of a rejected session", () => {
    for (const code of [401, 405, 409, 412, 411, 403]) {
      expect(classifyDisconnect(boomError("x", code), false)).toEqual({ kind: "new_pairing", code });
    }
  });

  it("reconnects with backoff on transient closes, at once when WhatsApp asks for a restart", () => {
    for (const code of [DisconnectReason.connectionClosed, DisconnectReason.connectionLost, DisconnectReason.unavailableService, DisconnectReason.badSession]) {
      expect(classifyDisconnect(boomError("x", code), false).kind).toBe("reconnect");
    }
    expect(classifyDisconnect(new Error("socket hang up"), false)).toEqual({ kind: "reconnect", code: undefined });
    expect(classifyDisconnect(boomError("restart", 515), true)).toEqual({ kind: "restart", code: 515 });
  });

  it("stops on a replaced session and on a QR code nobody scanned", () => {
    expect(classifyDisconnect(boomError("x", 440), false)).toEqual({ kind: "replaced", code: 440 });
    expect(classifyDisconnect(boomError("QR refs attempts ended", 408), true)).toEqual({ kind: "pairing_expired", code: 408 });
    expect(classifyDisconnect(boomError("timed out", 408), false).kind).toBe("reconnect");
  });

  it("describes the reason for people", () => {
    expect(describeDisconnect(boomError("x", 401))).toBe("logged out (401)");
    expect(disconnectCode(undefined)).toBeUndefined();
  });
});

describe("reconnect backoff", () => {
  const backoff = { baseMs: 1000, maxMs: 60_000 };
  it("doubles up to the maximum with jitter in the upper half", () => {
    expect([1, 2, 3, 4].map((a) => reconnectDelayMs(a, backoff, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((a) => reconnectDelayMs(a, backoff, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(reconnectDelayMs(30, backoff, () => 1)).toBe(60_000);
    expect(reconnectDelayMs(30, backoff, () => 0)).toBe(30_000);
  });
});
