/** One migrated test database with the personas in it, for the test file that calls this (created before all, dropped after all). */
import { databaseForThisFile, type TestDatabase } from "@parley/db/testing/database";
import { beforeAll } from "vitest";
import { createPersonas, type Personas } from "./personas.ts";

export interface PersonaDatabase {
  database: TestDatabase;
  people: Personas;
}

export function personaDatabaseForThisFile(): PersonaDatabase {
  const context = { database: databaseForThisFile() } as PersonaDatabase;
  beforeAll(async () => {
    context.people = await createPersonas(context.database.prisma);
  });
  return context;
}
