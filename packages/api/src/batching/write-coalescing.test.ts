import { describe, expect, it } from "vitest";
import { coalesceWritesThisTick, coalesceWritesThisTurn, type Corkable } from "./write-coalescing.ts";

function countingSocket() {
  const calls: string[] = [];
  const socket: Corkable = { cork: () => calls.push("cork"), uncork: () => calls.push("uncork") };
  return { socket, calls };
}
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("coalesceWritesThisTurn", () => {
  it("corks a socket once however many frames it gets in a turn, and uncorks it after the turn", async () => {
    const { socket, calls } = countingSocket();
    coalesceWritesThisTurn(socket);
    coalesceWritesThisTurn(socket);
    coalesceWritesThisTurn(socket);
    expect(calls).toEqual(["cork"]);
    await nextTurn();
    expect(calls).toEqual(["cork", "uncork"]);
  });

  it("uncorks every socket of the turn, and corks again in a later turn", async () => {
    const first = countingSocket();
    const second = countingSocket();
    coalesceWritesThisTurn(first.socket);
    coalesceWritesThisTurn(second.socket);
    await nextTurn();
    expect([first.calls, second.calls]).toEqual([
      ["cork", "uncork"],
      ["cork", "uncork"],
    ]);
    coalesceWritesThisTurn(first.socket);
    await nextTurn();
    expect(first.calls).toEqual(["cork", "uncork", "cork", "uncork"]);
  });
});

describe("coalesceWritesThisTick", () => {
  it("corks a stream once for the writes of the current callbacks and their continuations, and uncorks it before the next I/O", async () => {
    const { socket, calls } = countingSocket();
    coalesceWritesThisTick(socket);
    await Promise.resolve();
    // A continuation of the same callback (a send's publish after its statement settled) joins the same write.
    coalesceWritesThisTick(socket);
    expect(calls).toEqual(["cork"]);
    await new Promise((resolve) => process.nextTick(resolve));
    expect(calls).toEqual(["cork", "uncork"]);
    const immediateRan = new Promise((resolve) => setImmediate(() => resolve(calls.length)));
    coalesceWritesThisTick(socket);
    // Released before the next turn's callbacks: by the time an immediate runs, the stream is uncorked again.
    await expect(immediateRan).resolves.toBe(4);
  });
});
