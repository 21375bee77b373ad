import { databaseForThisFile } from "@parley/db/testing/database";
import pg from "pg";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { conversationTopic, type BusEvent } from "@parley/protocol/events";
import { describeEventBusContract, readEvent, waitFor } from "./event-bus.contract.ts";
import { createPostgresBus, POSTGRES_BUS_CHANNEL } from "./postgres-bus.ts";

const logger = pino({ level: "silent" });
const database = databaseForThisFile();

describeEventBusContract("Postgres LISTEN/NOTIFY", () => createPostgresBus({ connectionString: database.url, logger }));

const conversationId = "6f1c1b9e-2f44-4a53-9b1e-0d7b1b7f0a01";

function bigMessage(body: string): BusEvent {
  return {
    type: "message.created",
    conversationId,
    clientMessageId: "big-1",
    message: {
      id: "123456789",
      conversationId,
      seq: 1,
      senderId: null,
      senderName: null,
      threadRootId: null,
      kind: "user",
      body,
      isDeleted: false,
      createdAt: new Date().toISOString(),
      editedAt: null,
      replyCount: 0,
    },
  };
}

describe("Postgres bus across processes", () => {
  it("carries a 40,000-character multi-byte message between two instances intact", async () => {
    const [web, realtime] = await Promise.all([
      createPostgresBus({ connectionString: database.url, logger }),
      createPostgresBus({ connectionString: database.url, logger }),
    ]);
    const received: BusEvent[] = [];
    await realtime.subscribe(conversationTopic(conversationId), (event) => {
      received.push(event);
    });
    const body = "héllo 👋 wörld ".repeat(2_860).slice(0, 40_000);
    await web.publish(conversationTopic(conversationId), bigMessage(body));
    await web.publish(conversationTopic(conversationId), bigMessage("small"));
    await waitFor(() => received.length === 2);
    expect(received[0]?.type === "message.created" && received[0].message.body).toBe(body);
    expect(received[1]?.type === "message.created" && received[1].message.body).toBe("small");
    await Promise.all([web.close(), realtime.close()]);
  });

  it("reconnects its LISTEN connection after it is killed and announces the gap", async () => {
    const bus = await createPostgresBus({ connectionString: database.url, logger });
    let gaps = 0;
    bus.onDeliveryGap(() => (gaps += 1));
    const received: number[] = [];
    await bus.subscribe("user:k", (event) => {
      if (event.type === "read") received.push(event.lastReadSeq);
    });
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    // Only this test database's listener: other test files (and other runs) share the server.
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1 AND datname = current_database()", [
      `LISTEN ${POSTGRES_BUS_CHANNEL}`,
    ]);
    await admin.end();
    await waitFor(() => gaps === 1, 10_000);
    await bus.publish("user:k", readEvent(9));
    await waitFor(() => received.length === 1);
    expect(received).toEqual([9]);
    await bus.close();
  });
});
