/** A throwaway redis-server from PATH on a free loopback port, no persistence. */
import { spawn } from "node:child_process";
import net from "node:net";
import { freePort, stopProcess, trackChild } from "./processes.ts";

export interface BenchRedis {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<BenchRedis> {
  const port = await freePort();
  const child = trackChild(spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" }));
  const spawned = new Promise<void>((resolve, reject) => {
    child.once("spawn", resolve);
    child.once("error", (error) => reject(new Error(`redis-server could not start (is it on PATH?): ${error.message}`)));
  });
  await spawned;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    const answered = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => socket.write("PING\r\n"));
      socket.once("data", (data) => {
        socket.destroy();
        resolve(String(data).startsWith("+PONG"));
      });
      socket.once("error", () => resolve(false));
    });
    if (answered) break;
    if (Date.now() > deadline) {
      await stopProcess(child, 2_000);
      throw new Error("redis-server did not answer PING within 10 s");
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url: `redis://127.0.0.1:${port}`, pid: child.pid as number, stop: () => stopProcess(child, 2_000) };
}
