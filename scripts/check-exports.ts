/**
 * Every workspace package lists its entry points explicitly in package.json "exports" (no "./*"), and the list
 * matches what the repository imports. `npm test` runs the check; `--write` regenerates the lists from the imports.
 *
 *   npx tsx scripts/check-exports.ts                  fails on: an imported @parley subpath the package does not
 *                                                     export, an entry whose file is missing, an exported
 *                                                     repository, a "*" pattern; notes entries nobody imports
 *   npx tsx scripts/check-exports.ts --write [names]  rewrites "exports" of every package (or only the named ones,
 *                                                     e.g. api db) to exactly the subpaths imported today
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const SCANNED = ["apps", "packages", "scripts", "bench", "e2e"];
const SKIPPED_DIRS = new Set(["node_modules", ".next", "dist", "generated", "test-results", "playwright-report", ".turbo"]);
const SOURCE_FILE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
// A string literal naming a subpath of a workspace package: static and dynamic imports, vi.mock, require.
const PARLEY_SUBPATH = /["'`]@parley\/([a-z0-9-]+)\/([A-Za-z0-9_.\-/]+)["'`]/g;

interface WorkspacePackage {
  name: string;
  dir: string;
  manifestPath: string;
  manifest: { exports?: Record<string, string> } & Record<string, unknown>;
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    if (SKIPPED_DIRS.has(entry)) return [];
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return SOURCE_FILE.test(entry) ? [path] : [];
  });
}

/** Package short name → subpath ("./core/database") → the files that import it. */
function importedSubpaths(): Map<string, Map<string, string[]>> {
  const imports = new Map<string, Map<string, string[]>>();
  const files = [
    ...SCANNED.flatMap((dir) => sourceFiles(join(root, dir))),
    ...readdirSync(root)
      .filter((entry) => SOURCE_FILE.test(entry))
      .map((entry) => join(root, entry)),
  ];
  for (const file of files) {
    for (const match of readFileSync(file, "utf8").matchAll(PARLEY_SUBPATH)) {
      const [, packageName = "", subpath = ""] = match;
      const bySubpath = imports.get(packageName) ?? new Map<string, string[]>();
      imports.set(packageName, bySubpath);
      const importers = bySubpath.get(`./${subpath}`) ?? [];
      bySubpath.set(`./${subpath}`, [...importers, relative(root, file)]);
    }
  }
  return imports;
}

function workspacePackages(): WorkspacePackage[] {
  return readdirSync(join(root, "packages"))
    .map((entry) => join(root, "packages", entry))
    .filter((dir) => existsSync(join(dir, "package.json")))
    .map((dir) => {
      const manifestPath = join(dir, "package.json");
      const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as WorkspacePackage["manifest"];
      return { name: relative(join(root, "packages"), dir), dir, manifestPath, manifest };
    });
}

/** "./core/database" → "./src/core/database.ts" (or .tsx), if that file exists. */
function sourceOf(pkg: WorkspacePackage, subpath: string): string | undefined {
  for (const extension of [".ts", ".tsx"]) {
    const target = `./src/${subpath.slice(2)}${extension}`;
    if (existsSync(join(pkg.dir, target))) return target;
  }
  return undefined;
}

function problemsOf(pkg: WorkspacePackage, imported: Map<string, string[]>): { errors: string[]; notes: string[] } {
  const errors: string[] = [];
  const notes: string[] = [];
  const exportsMap = pkg.manifest.exports ?? {};
  const label = `packages/${pkg.name}/package.json`;
  for (const [subpath, target] of Object.entries(exportsMap)) {
    if (subpath.includes("*"))
      errors.push(`${label}: "exports" has the pattern "${subpath}"; list each entry point (npx tsx scripts/check-exports.ts --write ${pkg.name})`);
    else if (!existsSync(join(pkg.dir, target))) errors.push(`${label}: "${subpath}" points at ${target}, which does not exist`);
    if (/\.repository\.tsx?$/.test(target)) errors.push(`${label}: "${subpath}" exports a repository; nothing outside the package may import one`);
    if (!subpath.includes("*") && !imported.has(subpath)) notes.push(`${label}: "${subpath}" is exported but imported nowhere`);
  }
  for (const [subpath, importers] of imported) {
    if (subpath in exportsMap || Object.keys(exportsMap).some((key) => key.includes("*"))) continue;
    if (subpath.endsWith(".repository")) {
      errors.push(
        `${importers[0] ?? "?"}: imports the repository @parley/${pkg.name}/${subpath.slice(2)}; repositories are never exported: call the capability's service`,
      );
      continue;
    }
    errors.push(
      `${importers[0] ?? "?"}: imports @parley/${pkg.name}/${subpath.slice(2)}, which packages/${pkg.name}/package.json does not export (add it to "exports" or run npx tsx scripts/check-exports.ts --write ${pkg.name})`,
    );
  }
  return { errors, notes };
}

function writeExports(pkg: WorkspacePackage, imported: Map<string, string[]>): string[] {
  const errors: string[] = [];
  const exportsMap: Record<string, string> = {};
  for (const subpath of [...imported.keys()].sort()) {
    const target = sourceOf(pkg, subpath);
    if (!target)
      errors.push(`${imported.get(subpath)?.[0] ?? "?"}: imports @parley/${pkg.name}/${subpath.slice(2)}, which has no file under packages/${pkg.name}/src`);
    else if (/\.repository\.tsx?$/.test(target))
      errors.push(`${imported.get(subpath)?.[0] ?? "?"}: imports the repository @parley/${pkg.name}/${subpath.slice(2)}; call its service instead`);
    else exportsMap[subpath] = target;
  }
  pkg.manifest.exports = exportsMap;
  writeFileSync(pkg.manifestPath, `${JSON.stringify(pkg.manifest, null, 2)}\n`);
  console.log(`packages/${pkg.name}/package.json: ${Object.keys(exportsMap).length} entry points`);
  return errors;
}

const args = process.argv.slice(2);
const isWrite = args[0] === "--write";
const only = new Set(isWrite ? args.slice(1) : []);
const imports = importedSubpaths();
const errors: string[] = [];
for (const pkg of workspacePackages()) {
  const imported = imports.get(pkg.name) ?? new Map<string, string[]>();
  if (isWrite && (only.size === 0 || only.has(pkg.name))) {
    errors.push(...writeExports(pkg, imported));
    continue;
  }
  const { errors: found, notes } = problemsOf(pkg, imported);
  errors.push(...found);
  for (const note of notes) console.log(`note: ${note}`);
}
for (const error of errors) console.error(`✖ ${error}`);
if (errors.length > 0) process.exit(1);
if (!isWrite) console.log("every imported @parley subpath is an exported entry point");
