import { describe, expect, it } from "vitest";
import { coalesceWritesThisTurn, type Corkable } from "./write-coalescing.ts";

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
