/**
 * Presence on one node: records this node's sockets in the PresenceStore
 * (Redis across nodes, memory for one), announces a user's aggregate change
 * on `presence:<userId>`, and sends presence frames to the sockets that asked
 * for those users (presence.subscribe), never the whole workspace.
 *
 * A node killed without warning announces nothing: its sockets' entries
 * simply expire (TTL). The periodic sweep re-reads every user this node's
 * sockets watch and pushes whatever changed, expiries included.
 */
import { presenceTopic, type BusEvent } from "@parley/protocol/events";
import type { EventBus } from "@parley/api/bus/event-bus";
import type { DeviceStatus, PresenceChange, PresenceStore, UserPresence } from "@parley/api/presence/presence-store";
import type { ServicePorts } from "@parley/api/ports";
import { presenceVisibleAmong } from "@parley/api/realtime/socket-access";
import type { ServerFrame } from "@parley/protocol/frames";
import type { Logger } from "pino";
import type { TopicMember, TopicRouter } from "../delivery/topic-router.ts";

type PresenceSignal = Extract<BusEvent, { type: "presence" }>;

export interface PresenceHubOptions {
  store: PresenceStore;
  bus: EventBus;
  ports: Pick<ServicePorts, "db">;
  logger: Logger;
  sweepIntervalMs?: number;
}

/**
 * What the hub needs of a socket's session: delivery/session.ts's
 * RealtimeSession, a type parameter so that the two files do not import each other.
 */
export interface PresenceWatcher extends TopicMember {
  readonly connectionId: string;
  send(frame: ServerFrame): void;
}

function presenceFrame(userId: string, presence: UserPresence | undefined): Extract<ServerFrame, { type: "presence" }> {
  return { type: "presence", userId, status: presence?.status ?? "offline", lastSeenAt: presence?.lastSeenAt?.toISOString() ?? null };
}

function sameFrame(a: ServerFrame | undefined, b: ServerFrame): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

export class PresenceHub<Session extends PresenceWatcher> {
  private router: TopicRouter<Session> | undefined;
  private readonly watchedBySession = new Map<Session, Set<string>>();
  private readonly watchersByUser = new Map<string, Set<Session>>();
  private readonly deviceStatus = new Map<Session, DeviceStatus>();
  /** What this node last told its sockets about each watched user. */
  private readonly lastFrame = new Map<string, ServerFrame>();
  private readonly sweepTimer: NodeJS.Timeout;

  constructor(private readonly options: PresenceHubOptions) {
    this.sweepTimer = setInterval(() => void this.sweep(), options.sweepIntervalMs ?? 30_000);
    this.sweepTimer.unref();
  }

  /** Late-bound: the router's fan-out calls back into the hub. */
  attach(router: TopicRouter<Session>): void {
    this.router = router;
  }

  async connected(session: Session): Promise<void> {
    this.deviceStatus.set(session, "online");
    await this.changeStatus(session, () => this.options.store.setStatus(session.userId, session.connectionId, "online", new Date()));
  }

  async heartbeat(session: Session): Promise<void> {
    const status = this.deviceStatus.get(session) ?? "online";
    await this.options.store.heartbeat(session.userId, session.connectionId, status, new Date());
  }

  async setStatus(session: Session, status: DeviceStatus): Promise<void> {
    this.deviceStatus.set(session, status);
    await this.changeStatus(session, () => this.options.store.setStatus(session.userId, session.connectionId, status, new Date()));
  }

  async disconnected(session: Session): Promise<void> {
    this.deviceStatus.delete(session);
    for (const userId of this.watchedBySession.get(session) ?? []) this.unwatch(session, userId);
    this.watchedBySession.delete(session);
    await this.changeStatus(session, () => this.options.store.disconnect(session.userId, session.connectionId, new Date()));
  }

  /** Replaces what the session watches; only users sharing an active workspace with it are accepted. */
  async subscribe(session: Session, userIds: readonly string[]): Promise<void> {
    const visible = await presenceVisibleAmong(this.options.ports, session.userId, [...new Set(userIds)]);
    const current = this.watchedBySession.get(session) ?? new Set<string>();
    for (const userId of current) if (!visible.has(userId)) this.unwatch(session, userId);
    const added = [...visible].filter((userId) => !current.has(userId));
    this.watchedBySession.set(session, visible);
    await Promise.all(added.map((userId) => this.watch(session, userId)));
    if (added.length === 0) return;
    const snapshot = await this.options.store.get(added, new Date());
    for (const userId of added) {
      const frame = presenceFrame(userId, snapshot.get(userId));
      this.lastFrame.set(userId, frame);
      session.send(frame);
    }
  }

  /** A presence signal from the bus, for the local sockets watching that user. */
  deliverSignal(signal: PresenceSignal, sessions: readonly Session[]): void {
    const frame: ServerFrame = { type: "presence", userId: signal.userId, status: signal.status, lastSeenAt: signal.lastSeenAt };
    this.lastFrame.set(signal.userId, frame);
    for (const session of sessions) session.send(frame);
  }

  async sweep(): Promise<void> {
    const userIds = [...this.watchersByUser.keys()];
    if (userIds.length === 0) return;
    try {
      const snapshot = await this.options.store.get(userIds, new Date());
      for (const userId of userIds) {
        const frame = presenceFrame(userId, snapshot.get(userId));
        if (sameFrame(this.lastFrame.get(userId), frame)) continue;
        this.lastFrame.set(userId, frame);
        for (const session of this.watchersByUser.get(userId) ?? []) session.send(frame);
      }
    } catch (error) {
      this.options.logger.warn({ err: error }, "presence sweep failed");
    }
  }

  stop(): void {
    clearInterval(this.sweepTimer);
  }

  private async watch(session: Session, userId: string): Promise<void> {
    let watchers = this.watchersByUser.get(userId);
    if (!watchers) this.watchersByUser.set(userId, (watchers = new Set()));
    watchers.add(session);
    await this.router?.join(presenceTopic(userId), session);
  }

  private unwatch(session: Session, userId: string): void {
    const watchers = this.watchersByUser.get(userId);
    watchers?.delete(session);
    if (watchers && watchers.size === 0) {
      this.watchersByUser.delete(userId);
      this.lastFrame.delete(userId);
    }
    this.router?.leave(presenceTopic(userId), session);
  }

  /** Runs a store change and announces the user's aggregate presence if it moved. */
  private async changeStatus(session: Session, change: () => Promise<PresenceChange>): Promise<void> {
    const { bus, logger } = this.options;
    try {
      const { before, after } = await change();
      if (before.status === after.status) return;
      const frame = presenceFrame(session.userId, after);
      await bus.publish(presenceTopic(session.userId), { type: "presence", userId: frame.userId, status: frame.status, lastSeenAt: frame.lastSeenAt });
    } catch (error) {
      // Presence is best effort: the sweep and the TTL repair what a failure here leaves.
      logger.warn({ err: error, userId: session.userId }, "presence update failed");
    }
  }
}
