// Bundles the service into one file, dist/server.mjs. npm packages stay
// external (installed next to it, native bits intact); the @parley/*
// workspace packages are TypeScript source, so they are bundled in.
import { build } from "esbuild";

const bundleWorkspacePackages = {
  name: "bundle-workspace-packages",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("@parley/")) return undefined;
      return { path: args.path, external: true };
    });
  },
};

await build({
  entryPoints: ["src/server.ts"],
  outfile: "dist/server.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  plugins: [bundleWorkspacePackages],
  // Bundled CommonJS-style code (e.g. Prisma's generated client, once the
  // service reads the database) may call require(); ESM output has none.
  banner: { js: 'import { createRequire as __parleyCreateRequire } from "node:module";\nconst require = __parleyCreateRequire(import.meta.url);' },
  logLevel: "info",
});
