import { describe, expect, it } from "vitest";
import { describeEventBusContract } from "./event-bus.contract.ts";
import { createInProcessBus } from "./in-process.ts";

describeEventBusContract("in-process", () => createInProcessBus());

describe("in-process bus", () => {
  it("reports handler failures to onHandlerError", async () => {
    const failures: string[] = [];
    const bus = createInProcessBus({ onHandlerError: (_error, topic) => failures.push(topic) });
    await bus.subscribe("user:x", () => {
      throw new Error("boom");
    });
    await bus.publish("user:x", { type: "conversation.removed", conversationId: "6f1c1b9e-2f44-4a53-9b1e-0d7b1b7f0a01" });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(failures).toEqual(["user:x"]);
  });
});
