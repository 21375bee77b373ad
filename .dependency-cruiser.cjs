/**
 * Architecture rules, checked by `npm test` (step "architecture"): `npx depcruise apps packages scripts bench e2e`.
 * Each violation prints as one line: `error <rule>: <importer> → <imported>`.
 * The rules are the walls of docs/ARCHITECTURE ("Rooms"): apps stay apart, packages never reach into apps,
 * packages are entered only through their package.json "exports", a repository belongs to its capability, no cycles.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-app-to-app",
      comment: "An app never imports another app (apps/web ↔ apps/realtime): what both need lives in a package.",
      severity: "error",
      from: { path: "^apps/([^/]+)/" },
      to: { path: "^apps/", pathNot: "^apps/$1/" },
    },
    {
      name: "no-package-to-app",
      comment: "A package never imports an app.",
      severity: "error",
      from: { path: "^packages/" },
      to: { path: "^apps/" },
    },
    {
      name: "no-deep-import",
      comment: 'A package is entered only through its package.json "exports" (import "@parley/<name>/<entry>"), never by a relative path into its files.',
      severity: "error",
      from: { path: "^(apps|packages)/([^/]+)/" },
      to: { path: "^packages/", pathNot: "^packages/$2/", dependencyTypes: ["local"], dependencyTypesNot: ["aliased"] },
    },
    {
      name: "no-deep-import-from-outside",
      comment: 'Scripts, bench and e2e enter a package through its "exports" too, never by a relative path into its files.',
      severity: "error",
      from: { path: "^(scripts|bench|e2e)/" },
      to: { path: "^packages/", dependencyTypes: ["local"], dependencyTypesNot: ["aliased"] },
    },
    {
      name: "not-exported",
      comment:
        'This import names a @parley subpath that the package\'s "exports" does not list (or a file that does not exist): add the entry point to that package.json, or import one it exports.',
      severity: "error",
      from: {},
      to: { couldNotResolve: true, path: "^@parley/" },
    },
    {
      name: "no-unresolvable",
      comment: "A relative import that points at no file.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true, path: "^[.]" },
    },
    {
      name: "repository-outside-capability",
      comment: "A *.repository.ts is imported only inside its own capability folder (packages/api/src/<capability>/): another capability calls its service.",
      severity: "error",
      from: { path: "^packages/api/src/([^/]+)/" },
      to: { path: "[.]repository[.]ts$", pathNot: "^packages/api/src/$1/" },
    },
    {
      name: "repository-outside-api",
      comment: "Only packages/api may import a *.repository.ts (apps, scripts and other packages call services).",
      severity: "error",
      from: { pathNot: "^packages/api/src/" },
      to: { path: "[.]repository[.]ts$" },
    },
    {
      name: "no-circular",
      comment: "Modules that import each other (directly or through others) cannot be read, tested or loaded on their own.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|[.]next|dist|generated|test-results|playwright-report)/" },
    // Type-only imports count too: a repository's types are still its internals.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.base.json" },
    // Resolve @parley/* the way Node and the bundlers do: through each package.json "exports", so a subpath it
    // does not list fails to resolve (rule not-exported) instead of silently reaching the file.
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".d.ts", ".json"],
      mainFields: ["module", "main", "types", "typings"],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: { text: { highlightFocused: true } },
  },
};
