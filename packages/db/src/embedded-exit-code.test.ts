import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const embeddedModule = fileURLToPath(new URL("./embedded.ts", import.meta.url));
const tsx = fileURLToPath(new URL("../../../node_modules/.bin/tsx", import.meta.url));

// A failing test run sets process.exitCode and lets the event loop drain; a
// library exit hook that calls process.exit(0) on 'beforeExit' turned every
// failure into success for `npm test`.
it("loading the embedded Postgres module keeps the process's exit code", () => {
  const script = `import(${JSON.stringify(embeddedModule)}).then(() => { process.exitCode = 3; });`;
  const result = spawnSync(tsx, ["--eval", script], { encoding: "utf8", timeout: 20_000 });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(3);
});
