/**
 * A realtime node as its own OS process (src/server.ts via tsx), so tests can
 * kill it by pid the way a crash would.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { allowedOrigin, testSecret } from "./test-server.ts";

export interface NodeProcess {
  url: string;
  pid: number;
  /** The OS process itself (to signal it and await its exit). */
  process: ChildProcess;
  /** SIGKILL: no 1012, no cleanup; resolves once the process is gone. */
  kill(): Promise<void>;
}

export async function startNodeProcess(env: { databaseUrl: string; redisUrl?: string }): Promise<NodeProcess> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: new URL("../..", import.meta.url),
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      REALTIME_SECRET: testSecret,
      ALLOWED_ORIGINS: allowedOrigin,
      LOG_LEVEL: "info",
      DATABASE_URL: env.databaseUrl,
      REDIS_URL: env.redisUrl ?? "",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  for await (const line of createInterface({ input: child.stdout! })) {
    const entry = JSON.parse(line) as { msg?: string; url?: string };
    if (entry.msg === "realtime service listening" && entry.url) {
      // PARLEY_TEST_NODE_LOGS=dir keeps each node's log (dir/realtime-<pid>.log) for a failing test's post-mortem.
      const logDir = process.env.PARLEY_TEST_NODE_LOGS;
      if (logDir) child.stdout!.pipe(createWriteStream(`${logDir}/realtime-${child.pid}.log`));
      else child.stdout!.resume();
      const url = entry.url;
      return {
        url,
        pid: child.pid!,
        process: child,
        async kill() {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = once(child, "exit");
          process.kill(child.pid!, "SIGKILL");
          await exited;
        },
      };
    }
  }
  throw new Error("the realtime node exited before listening");
}
