import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The driver adapter makes the CLI use its WASM schema engine, so no native engine is downloaded.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "postgresql://localhost/placeholder" });
  },
});
