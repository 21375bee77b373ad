/** Benchmark configuration from the environment (read once, here). */
export const benchEnv = {
  /** A Postgres server to use instead of an embedded one; a fresh database is created on it and dropped after. */
  databaseUrl: process.env.BENCH_DATABASE_URL || undefined,
  /** Set: every realtime node runs with `--cpu-prof` and writes its profile here when it stops. */
  realtimeCpuProfileDir: process.env.BENCH_REALTIME_CPU_PROF_DIR || undefined,
  /** Set: every load-client process runs with `--cpu-prof` and writes its profile here when it stops. */
  clientCpuProfileDir: process.env.BENCH_CLIENT_CPU_PROF_DIR || undefined,
  /** Set: each realtime node's log (warnings and errors) is kept in <dir>/realtime-<pid>.log. */
  realtimeLogDir: process.env.BENCH_REALTIME_LOG_DIR || undefined,
  /** Where the run's JSON, Markdown and charts go instead of bench/results (exploratory runs that are not to be committed). */
  resultsDir: process.env.BENCH_RESULTS_DIR || undefined,
};

/** The environment child processes inherit (PATH etc.), before the bench sets their own variables. */
export function inheritedEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env };
}
