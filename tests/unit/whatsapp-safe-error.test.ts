import { describe, expect, it } from "vitest";
import { safeError } from "../../bot/whatsapp/safe-error.js";
import { boomError } from "../fakes/whatsapp-socket.js";

describe("safeError", () => {
  it("keeps type, message and status code, with JIDs and phone numbers masked", () => {
    const err = boomError("No sessions for 6281298765432@s.whatsapp.net / 123456789012345@lid, call +62 812-9876-5432", 500);
    const safe = safeError(err);
    expect(safe).toEqual({ type: "Error", message: expect.any(String), code: 500 });
    expect(safe.message).not.toMatch(/6281298765432|123456789012345|9876/);
  });

  it("accepts anything thrown", () => {
    expect(safeError("socket hang up")).toEqual({ type: "string", message: "socket hang up" });
  });
});
