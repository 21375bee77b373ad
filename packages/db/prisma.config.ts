import { defineConfig } from "prisma/config";

// Only `prisma generate` runs here; migrations are our own SQL runner (src/migrate.ts).
export default defineConfig({
  schema: "prisma/schema.prisma",
});
