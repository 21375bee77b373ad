/** Who is online: one entry per connection (device), expiring without heartbeats. */
export type DeviceStatus = "online" | "away";
export type AggregateStatus = "online" | "away" | "offline";

export interface UserPresence {
  status: AggregateStatus;
  lastSeenAt: Date | null;
}

/** The user's aggregate presence just before and just after one write, read atomically with it. */
export interface PresenceChange {
  before: UserPresence;
  after: UserPresence;
}

export interface PresenceStore {
  /** Keeps a device alive (the periodic beat): a write only, no read. */
  heartbeat(userId: string, connectionId: string, status: DeviceStatus, now: Date): Promise<void>;
  /** A device connects or changes its status: the write, and what it did to the user's presence. */
  setStatus(userId: string, connectionId: string, status: DeviceStatus, now: Date): Promise<PresenceChange>;
  disconnect(userId: string, connectionId: string, now: Date): Promise<PresenceChange>;
  get(userIds: readonly string[], now: Date): Promise<Map<string, UserPresence>>;
  /** Releases connections (Redis); the memory store has none. */
  close?(): Promise<void>;
}

/** A user's presence from their devices' last heartbeats: online if any live device is, away if all are. */
export function aggregatePresence(devices: readonly { status: DeviceStatus; at: number }[], liveSince: number, lastSeenAt: number | undefined): UserPresence {
  const live = devices.filter((device) => device.at >= liveSince);
  const status: AggregateStatus = live.some((device) => device.status === "online") ? "online" : live.length > 0 ? "away" : "offline";
  return { status, lastSeenAt: lastSeenAt === undefined ? null : new Date(lastSeenAt) };
}
