import pg from "pg";

/** Runs the statement `statement` builds (it may quote identifiers with the client) on its own connection to the server's admin database. */
export async function runOnAdmin(adminUrl: string, statement: (admin: pg.Client) => string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(statement(admin));
  } finally {
    await admin.end();
  }
}

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
