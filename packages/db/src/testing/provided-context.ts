/**
 * Values the vitest global setup hands to every test file (`inject(...)`).
 * Kept apart from database.ts so the global setup does not import test-time code.
 */
declare module "vitest" {
  export interface ProvidedContext {
    /** A database on the test server with the right to CREATE/DROP DATABASE. */
    parleyAdminDatabaseUrl: string;
    /** The migrated template each test file clones (`parley_tpl_<runId>`). */
    parleyTemplateDatabase: string;
  }
}

/** Test databases are named `parley_test_<runId>_<random>`; the run id is the template's suffix. */
export function testDatabasePrefix(templateDatabase: string): string {
  return `${templateDatabase.replace(/^parley_tpl_/, "parley_test_")}_`;
}

/** The same server and credentials as `url`, another database. */
export function withDatabaseName(url: string, databaseName: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(databaseName)}`;
  return parsed.toString();
}
