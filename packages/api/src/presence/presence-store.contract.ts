/**
 * The behaviour every PresenceStore shares (memory for one node, Redis for
 * many): aggregation over devices, disconnects, devices that stopped beating,
 * lastSeen, each write's before/after (what presence announcements are made
 * of), and many users read and written at once.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PresenceStore } from "./presence-store.ts";

const TTL_SECONDS = 60;
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, seconds));

export function describePresenceStoreContract(name: string, create: (ttlSeconds: number) => Promise<PresenceStore>): void {
  describe(`PresenceStore contract: ${name}`, () => {
    let store: PresenceStore;
    beforeAll(async () => {
      store = await create(TTL_SECONDS);
    });
    afterAll(async () => {
      await store.close?.();
    });
    const presenceOf = async (userId: string, now: Date) => (await store.get([userId], now)).get(userId);

    it("knows nobody it was never told about: offline, never seen", async () => {
      expect(await presenceOf(randomUUID(), at(0))).toEqual({ status: "offline", lastSeenAt: null });
    });

    it("is online while any device is online, away when all live devices are away", async () => {
      const userId = randomUUID();
      await store.heartbeat(userId, "laptop", "away", at(0));
      expect(await presenceOf(userId, at(1))).toEqual({ status: "away", lastSeenAt: at(0) });
      await store.heartbeat(userId, "phone", "online", at(2));
      expect(await presenceOf(userId, at(3))).toEqual({ status: "online", lastSeenAt: at(2) });
      await store.disconnect(userId, "phone", at(4));
      expect(await presenceOf(userId, at(5))).toEqual({ status: "away", lastSeenAt: at(4) });
      await store.disconnect(userId, "laptop", at(6));
      expect(await presenceOf(userId, at(7))).toEqual({ status: "offline", lastSeenAt: at(6) });
    });

    it("answers each status change with the user's presence just before and just after it", async () => {
      const userId = randomUUID();
      const offline = { status: "offline", lastSeenAt: null };
      expect(await store.setStatus(userId, "laptop", "online", at(0))).toEqual({ before: offline, after: { status: "online", lastSeenAt: at(0) } });
      expect(await store.setStatus(userId, "phone", "away", at(1))).toEqual({
        before: { status: "online", lastSeenAt: at(0) },
        after: { status: "online", lastSeenAt: at(1) },
      });
      expect(await store.disconnect(userId, "laptop", at(2))).toEqual({
        before: { status: "online", lastSeenAt: at(1) },
        after: { status: "away", lastSeenAt: at(2) },
      });
      // A second disconnect of the same device changes nothing but lastSeen.
      expect((await store.disconnect(userId, "laptop", at(3))).after).toEqual({ status: "away", lastSeenAt: at(3) });
      expect(await store.disconnect(userId, "phone", at(4))).toEqual({
        before: { status: "away", lastSeenAt: at(3) },
        after: { status: "offline", lastSeenAt: at(4) },
      });
    });

    it("reports concurrent writes of one user's devices as one consistent sequence of changes", async () => {
      const userId = randomUUID();
      const devices = Array.from({ length: 20 }, (_, index) => `device-${index}`);
      const connects = await Promise.all(devices.map((device) => store.setStatus(userId, device, "online", at(10))));
      // Exactly one write found the user offline: each change reads the state the previous one left.
      expect(connects.filter((change) => change.before.status === "offline")).toHaveLength(1);
      const disconnects = await Promise.all(devices.map((device) => store.disconnect(userId, device, at(11))));
      expect(disconnects.filter((change) => change.after.status === "offline")).toHaveLength(1);
    });

    it("ignores a device that stopped beating (its node died) once its heartbeat is older than the TTL", async () => {
      const userId = randomUUID();
      await store.heartbeat(userId, "tab", "online", at(0));
      expect((await presenceOf(userId, at(TTL_SECONDS)))?.status).toBe("online");
      expect(await presenceOf(userId, at(TTL_SECONDS + 1))).toEqual({ status: "offline", lastSeenAt: at(0) });
    });

    it("answers for many users at once, each after many concurrent writes", async () => {
      const userIds = Array.from({ length: 300 }, () => randomUUID());
      await Promise.all(userIds.map((userId, index) => store.heartbeat(userId, "tab", index % 3 === 0 ? "away" : "online", at(10))));
      await Promise.all(userIds.filter((_, index) => index % 5 === 0).map((userId) => store.disconnect(userId, "tab", at(11))));
      const presence = await store.get(userIds, at(12));
      userIds.forEach((userId, index) => {
        const expected = index % 5 === 0 ? { status: "offline", lastSeenAt: at(11) } : { status: index % 3 === 0 ? "away" : "online", lastSeenAt: at(10) };
        expect(presence.get(userId)).toEqual(expected);
      });
    });
  });
}
