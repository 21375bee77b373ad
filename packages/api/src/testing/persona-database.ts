/** One migrated test database with the personas in it, for the test file that calls this (created before all, dropped after all). */
import { createTestDatabase, type TestDatabase } from "@parley/db/testing/database";
import { afterAll, beforeAll } from "vitest";
import { createPersonas, type Personas } from "./personas.ts";

export interface PersonaDatabase {
  database: TestDatabase;
  people: Personas;
}

export function personaDatabaseForThisFile(): PersonaDatabase {
  const context = {} as PersonaDatabase;
  beforeAll(async () => {
    context.database = await createTestDatabase();
    context.people = await createPersonas(context.database.prisma);
  });
  afterAll(async () => {
    await context.database?.drop();
  });
  return context;
}
