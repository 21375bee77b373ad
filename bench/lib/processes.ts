/** Child processes of a bench run: realtime nodes and load clients, always on 127.0.0.1, always stopped. */
import { fork, spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import net from "node:net";
import { fileURLToPath } from "node:url";
import { stopProcess, waitForHttp } from "../../scripts/lib/processes.ts";
import { benchEnv, inheritedEnvironment } from "../env.ts";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const REALTIME_BUNDLE = fileURLToPath(new URL("../../apps/realtime/dist/server.mjs", import.meta.url));
const REALTIME_SOURCE = fileURLToPath(new URL("../../apps/realtime/src/server.ts", import.meta.url));
export const BENCH_ORIGIN = "http://127.0.0.1:3000";

// Every child the bench starts; whatever way the bench exits (Ctrl-C mid-cleanup, a crash), none outlives it.
const liveChildren = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of liveChildren) child.kill("SIGKILL");
});

/** Registers a child so it is killed when the bench process exits. */
export function trackChild<Child extends ChildProcess>(child: Child): Child {
  liveChildren.add(child);
  child.once("exit", () => liveChildren.delete(child));
  return child;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export interface RealtimeNode {
  child: ChildProcess;
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** One realtime node (the built bundle if present, else the source via tsx). */
export async function startRealtimeNode(options: { secret: string; databaseUrl: string; redisUrl?: string }): Promise<RealtimeNode> {
  const port = await freePort();
  const entry = existsSync(REALTIME_BUNDLE) ? [REALTIME_BUNDLE] : ["--import", "tsx", REALTIME_SOURCE];
  const profile = benchEnv.realtimeCpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${benchEnv.realtimeCpuProfileDir}`] : [];
  const child = trackChild(
    spawn(process.execPath, [...profile, ...entry], {
      cwd: REPO_ROOT,
      stdio: ["ignore", benchEnv.realtimeLogDir ? "pipe" : "ignore", "pipe"],
      env: {
        ...inheritedEnvironment(),
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        LOG_LEVEL: "warn",
        REALTIME_SECRET: options.secret,
        APP_URL: BENCH_ORIGIN,
        DATABASE_URL: options.databaseUrl,
        ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
      },
    }),
  );
  if (benchEnv.realtimeLogDir) {
    mkdirSync(benchEnv.realtimeLogDir, { recursive: true });
    child.stdout?.pipe(createWriteStream(path.join(benchEnv.realtimeLogDir, `realtime-${child.pid}.log`)));
  }
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const node = { child, port, url: `ws://127.0.0.1:${port}/`, stop: () => stopProcess(child, 5_000) };
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 30_000, () => child.exitCode === null);
  } catch (error) {
    await node.stop();
    throw new Error(`realtime node did not start: ${(error as Error).message}\n${stderr}`);
  }
  return node;
}

/** A load client script from bench/clients in its own Node process (IPC channel for orders and reports). */
// A profiled client exits normally on SIGTERM: killed by the signal, it would write no profile.
function clientProfileFlags(): string[] {
  const dir = benchEnv.clientCpuProfileDir;
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--import", fileURLToPath(new URL("./exit-on-sigterm.ts", import.meta.url))] : [];
}

export function forkClient(script: string, args: string[] = []): ChildProcess {
  return trackChild(
    fork(fileURLToPath(new URL(`../clients/${script}`, import.meta.url)), args, {
      cwd: REPO_ROOT,
      execArgv: ["--import", "tsx", ...clientProfileFlags()],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    }),
  );
}

/** The next IPC message of `type` from a child, or an error if it exits first or the deadline passes. */
export function nextMessage<T>(child: ChildProcess, type: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`no "${type}" from client within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: { type?: string }) => message.type === type && finish(null, message as T);
    const onExit = (code: number | null) => finish(new Error(`client exited (${code}) before "${type}"`));
    function finish(error: Error | null, value?: T) {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
      if (error) reject(error);
      else resolve(value as T);
    }
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

export { stopProcess };
