/**
 * `npm run bench [-- --quick] [-- <scenario>...]`: starts its own Postgres
 * (embedded, or a fresh database on BENCH_DATABASE_URL), runs the scenarios
 * one after another on loopback, stops everything (also on failure or
 * Ctrl-C) and writes bench/results/<date>.{json,md} plus SVG charts.
 */
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { benchEnv } from "../bench/env.ts";
import { startBenchDatabase } from "../bench/lib/database.ts";
import { writeResults, type BenchRun, type ScenarioResult } from "../bench/lib/results.ts";
import type { Scenario } from "../bench/lib/scenario.ts";
import { historyScenario } from "../bench/scenarios/history.ts";
import { connectionsScenario } from "../bench/scenarios/connections.ts";
import { deliveryScenario, fanoutScenario } from "../bench/scenarios/delivery.ts";
import { reconnectScenario } from "../bench/scenarios/reconnect.ts";
import { throughputScenario } from "../bench/scenarios/throughput.ts";

const SCENARIOS: Scenario[] = [deliveryScenario, fanoutScenario, throughputScenario, connectionsScenario, reconnectScenario, historyScenario];
const RESULTS_DIR = benchEnv.resultsDir ?? fileURLToPath(new URL("../bench/results", import.meta.url));

function parseArgs(argv: string[]): { quick: boolean; selected: Scenario[] } {
  const quick = argv.includes("--quick");
  const names = argv.filter((arg) => !arg.startsWith("--"));
  const unknown = names.filter((name) => !SCENARIOS.some((scenario) => scenario.name === name));
  if (unknown.length > 0) {
    throw new Error(`unknown scenario(s): ${unknown.join(", ")}. Known: ${SCENARIOS.map((scenario) => scenario.name).join(", ")}`);
  }
  return { quick, selected: names.length === 0 ? SCENARIOS : SCENARIOS.filter((scenario) => names.includes(scenario.name)) };
}

const log = (line: string) => process.stdout.write(`[bench] ${line}\n`);

async function main(): Promise<void> {
  const { quick, selected } = parseArgs(process.argv.slice(2));
  const cleanups: (() => Promise<void>)[] = [];
  const runCleanups = async () => {
    while (cleanups.length > 0) {
      const cleanup = cleanups.pop() as () => Promise<void>;
      await cleanup().catch((error: unknown) => log(`cleanup failed: ${(error as Error).message}`));
    }
  };
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log(`${signal}: stopping everything`);
    // Holds the event loop open until the cleanups are done, whatever the interrupted flow was waiting on.
    const keepAlive = setInterval(() => {}, 1_000);
    void runCleanups().finally(() => {
      clearInterval(keepAlive);
      process.exit(130);
    });
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  const runStarted = performance.now();
  const run: BenchRun = {
    startedAt: new Date().toISOString(),
    mode: quick ? "quick" : "full",
    machine: { cpus: os.cpus().length, node: process.version, platform: `${os.platform()} ${os.release()}` },
    scenarios: [],
  };
  try {
    log(`starting Postgres (${benchEnv.databaseUrl ? "fresh database on BENCH_DATABASE_URL" : "embedded"})`);
    const database = await startBenchDatabase(benchEnv.databaseUrl);
    cleanups.push(() => database.stop());
    for (const scenario of selected) {
      log(`scenario ${scenario.name}: ${scenario.description}`);
      // The scenario's cleanups sit on the same stack, so Ctrl-C mid-scenario stops its children too.
      const stackDepth = cleanups.length;
      const started = performance.now();
      let result: ScenarioResult;
      try {
        result = await scenario.run({ mode: run.mode, databaseUrl: database.url, log, onCleanup: (cleanup) => void cleanups.push(cleanup) });
      } catch (error) {
        result = { scenario: scenario.name, status: "failed", note: (error as Error).message, metrics: [], processes: [] };
      } finally {
        while (cleanups.length > stackDepth) {
          const cleanup = cleanups.pop() as () => Promise<void>;
          await cleanup().catch((error: unknown) => log(`cleanup failed: ${(error as Error).message}`));
        }
      }
      result.wallSeconds = (performance.now() - started) / 1000;
      log(`scenario ${scenario.name}: ${result.status} in ${result.wallSeconds.toFixed(1)}s`);
      run.scenarios.push(result);
    }
  } finally {
    // Interrupted: the signal handler owns the cleanup and the exit; racing it would drop the database twice or exit first.
    // The SIGINT handler sets it meanwhile; TypeScript's narrowing cannot see assignments made in callbacks.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    if (interrupted) await new Promise<never>(() => {});
    await runCleanups();
  }
  run.wallSeconds = (performance.now() - runStarted) / 1000;
  const { markdown, files } = await writeResults(RESULTS_DIR, run);
  process.stdout.write(`\n${markdown}\n`);
  log(`wrote ${files.map((file) => path.relative(process.cwd(), file)).join(", ")}`);
  if (run.scenarios.some((scenario) => scenario.status === "failed")) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
