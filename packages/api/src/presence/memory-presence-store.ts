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

  return {
    async heartbeat(userId, connectionId, status, now) {
      let devices = devicesByUser.get(userId);
      if (!devices) devicesByUser.set(userId, (devices = new Map()));
      devices.set(connectionId, { status, at: now.getTime() });
      lastSeenByUser.set(userId, now.getTime());
    },
    async disconnect(userId, connectionId, now) {
      const devices = devicesByUser.get(userId);
      if (!devices?.delete(connectionId)) return;
      lastSeenByUser.set(userId, now.getTime());
      if (devices.size === 0) devicesByUser.delete(userId);
    },
    async get(userIds, now) {
      const result = new Map<string, UserPresence>();
      for (const userId of userIds) {
        const devices = [...(devicesByUser.get(userId)?.values() ?? [])];
        result.set(userId, aggregatePresence(devices, now.getTime() - ttlMs, lastSeenByUser.get(userId)));
      }
      return result;
    },
  };
}
