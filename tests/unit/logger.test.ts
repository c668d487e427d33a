import { describe, expect, it } from "vitest";
import { scrub } from "../../api/logger.js";
import { memoryLogger } from "../support/silent-logger.js";

describe("logs keep patrons' phone numbers and our secrets out", () => {
  it("masks Indonesian phone numbers and WhatsApp ids in free text", () => {
    const out = scrub("user +62 812-3456-7890 and 081234567890 wrote from 6281234567890@s.whatsapp.net");
    expect(out).not.toMatch(/812|567/);
    expect(out).toContain("[phone]");
    expect(out).toContain("[jid]@s.whatsapp.net");
  });

  it("masks passwords in connection URLs and bot tokens", () => {
    expect(scrub("postgresql://postgres:s3cret@127.0.0.1:5432/db")).toBe("postgresql://postgres:***@127.0.0.1:5432/db");
    expect(scrub("token 123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw9")).toBe("token [bot-token]");
  });

  it("redacts secret fields and scrubs nested strings in structured log lines", () => {
    const log = memoryLogger();
    log.info({ password: "hunter2", user: { phone: "08123456789", note: "call 0812 3456 7890" } }, "login by 081234567890");
    const text = log.text();
    expect(text).not.toContain("hunter2");
    expect(text).not.toMatch(/0812/);
    const line = log.lines()[0]!;
    expect(line.password).toBe("[redacted]");
    expect(line.msg).toBe("login by [phone]");
  });
});
