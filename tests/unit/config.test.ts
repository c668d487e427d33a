import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../api/config.js";

describe("configuration", () => {
  it("a fresh machine with no variables gets the embedded defaults", () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.MEILI_URL).toBeUndefined();
    expect(c.SEED_DEMO).toBe(true);
    expect(c.dataDir.endsWith("/data")).toBe(true);
  });

  it("an admin who mistypes PORT is told which variable is wrong and what was given", () => {
    expect(() => loadConfig({ PORT: "30OO" })).toThrowError(ConfigError);
    try {
      loadConfig({ PORT: "30OO" });
    } catch (err) {
      expect((err as ConfigError).problems).toEqual([expect.stringMatching(/^PORT: .*number.*\(got "30OO"\)$/)]);
    }
  });

  it("a malformed DATABASE_URL is named without echoing its (possibly secret) value", () => {
    try {
      loadConfig({ DATABASE_URL: "postgres-at-localhost-with-pass-hunter2", SEED_DEMO: "maybe" });
      expect.fail("should have thrown");
    } catch (err) {
      const msg = (err as Error).message;
      expect(msg).toContain("DATABASE_URL");
      expect(msg).toContain("SEED_DEMO");
      expect(msg).not.toContain("hunter2");
    }
  });

  it("booleans accept true/false/1/0 and empty strings fall back to defaults", () => {
    expect(loadConfig({ SEED_DEMO: "false" }).SEED_DEMO).toBe(false);
    expect(loadConfig({ SEED_DEMO: "1" }).SEED_DEMO).toBe(true);
    expect(loadConfig({ PORT: "" }).PORT).toBe(3000);
  });

  it("a service opened to other machines without SERVICE_TOKEN refuses to start, naming the variable", () => {
    expect(() => loadConfig({ HOST: "0.0.0.0" })).toThrowError(/SERVICE_TOKEN: required when HOST is reachable/);
    expect(loadConfig({ HOST: "0.0.0.0", SERVICE_TOKEN: "a-long-random-service-token" }).HOST).toBe("0.0.0.0");
    expect(loadConfig({ HOST: "localhost" }).SERVICE_TOKEN).toBeUndefined();
  });
});
