import { describe, expect, it } from "vitest";
import { maskDigits, maskRecipient } from "../../api/dashboard/mask-recipient.js";

describe("patron numbers on the failed-deliveries page", () => {
  it("shows only the last four characters of a WhatsApp JID, a Telegram chat id or a web id", () => {
    expect(maskRecipient("6281234567890@s.whatsapp.net")).toBe("•••7890");
    expect(maskRecipient("123456789012345@lid")).toBe("•••2345");
    expect(maskRecipient("-1001234567890")).toBe("•••7890");
    expect(maskRecipient("42")).toBe("••••");
  });

  it("masks phone numbers and chat ids inside an error, keeping status codes and dates readable", () => {
    expect(maskDigits("403: Forbidden: bot was blocked by the user 777000111 on 2025-11-21")).toBe("403: Forbidden: bot was blocked by the user •••0111 on 2025-11-21");
    expect(maskDigits("no such number +62 812-3456-7890")).toBe("no such number •••7890");
    expect(maskDigits("jid 6281234567890@s.whatsapp.net")).toBe("jid •••7890@s.whatsapp.net");
  });
});
