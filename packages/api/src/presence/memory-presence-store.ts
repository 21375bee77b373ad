/** The single-node PresenceStore: entries live in this process. */
import { aggregatePresence, type DeviceStatus, type PresenceStore, type UserPresence } from "./presence-store.ts";

interface DeviceEntry {
  status: DeviceStatus;
  at: number;
}

export function createMemoryPresenceStore(options: { ttlSeconds?: number } = {}): PresenceStore {
  const ttlMs = (options.ttlSeconds ?? 60) * 1000;
  const devicesByUser = new Map<string, Map<string, DeviceEntry>>();
  const lastSeenByUser = new Map<string, number>();

  const presenceOf = (userId: string, now: Date): UserPresence =>
    aggregatePresence([...(devicesByUser.get(userId)?.values() ?? [])], now.getTime() - ttlMs, lastSeenByUser.get(userId));

  const beat = (userId: string, connectionId: string, status: DeviceStatus, now: Date) => {
    let devices = devicesByUser.get(userId);
    if (!devices) devicesByUser.set(userId, (devices = new Map()));
    devices.set(connectionId, { status, at: now.getTime() });
    lastSeenByUser.set(userId, now.getTime());
  };

  return {
    async heartbeat(userId, connectionId, status, now) {
      beat(userId, connectionId, status, now);
    },
    async setStatus(userId, connectionId, status, now) {
      const before = presenceOf(userId, now);
      beat(userId, connectionId, status, now);
      return { before, after: presenceOf(userId, now) };
    },
    async disconnect(userId, connectionId, now) {
      const before = presenceOf(userId, now);
      const devices = devicesByUser.get(userId);
      lastSeenByUser.set(userId, now.getTime());
      if (devices?.delete(connectionId) && devices.size === 0) devicesByUser.delete(userId);
      return { before, after: presenceOf(userId, now) };
    },
    async get(userIds, now) {
      return new Map(userIds.map((userId) => [userId, presenceOf(userId, now)]));
    },
  };
}
