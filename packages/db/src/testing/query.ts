import pg from "pg";

/** Runs one SQL text on its own connection (opened and closed here) and returns its rows: for tests that look at a server from outside. */
export async function queryRows<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}
