import { describe, expect, it } from "vitest";
import { ApiClientError } from "../../bot/client.js";
import { createInProcessStaffGroupClient } from "../../bot/telegram/staff-group-client.js";

// A stand-in for the service: answers every request with the given status and JSON body.
const answering = (status: number, body: unknown) => ({
  request: () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } }),
});

describe("the staff-group client", () => {
  it("tells the bot who holds a ticket another librarian already claimed", async () => {
    const client = createInProcessStaffGroupClient(answering(409, { error: "already_claimed", message: "claimed", assignee: "Rina" }));
    expect(await client.reply({ ref: "1:2", telegramUserId: "7", text: "ada" })).toEqual({ ok: false, code: "already_claimed", assignee: "Rina" });
  });

  it("hands back an expired link code as a result the bot can word", async () => {
    const client = createInProcessStaffGroupClient(answering(410, { error: "expired_code", message: "expired" }));
    expect(await client.link({ code: "ABC", telegramUserId: "7" })).toEqual({ ok: false, code: "expired_code" });
  });

  it("throws when the service refuses for a reason the bot cannot word (wrong token)", async () => {
    const client = createInProcessStaffGroupClient(answering(401, { error: "unauthorized", message: "missing or wrong service token" }));
    await expect(client.reply({ ref: "1:2", telegramUserId: "7", text: "ada" })).rejects.toMatchObject({ status: 401, code: "unauthorized" });
    await expect(client.pending(5)).rejects.toBeInstanceOf(ApiClientError);
  });

  it("refuses a pending list without tickets as a bad answer", async () => {
    const client = createInProcessStaffGroupClient(answering(200, { items: [] }));
    await expect(client.pending(5)).rejects.toMatchObject({ code: "bad_response" });
  });
});
