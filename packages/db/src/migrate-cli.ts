/** `npm run migrate -w @parley/db`: applies pending migrations to DATABASE_URL. */
import { readDbEnv } from "./env.ts";
import { migrate } from "./migrate.ts";

try {
  const { DATABASE_URL } = readDbEnv();
  const { applied } = await migrate(DATABASE_URL, { log: (line) => process.stdout.write(`${line}\n`) });
  process.stdout.write(applied.length > 0 ? `applied: ${applied.join(", ")}\n` : "applied: none\n");
} catch (error) {
  process.stderr.write(`migrate failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
