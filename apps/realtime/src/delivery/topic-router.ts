/**
 * This node's bus subscriptions, shared by its sockets: a topic is subscribed
 * on the bus while at least one local member wants it (ref-counted), so a
 * conversation with 1,000 members on this node costs one subscription.
 *
 * Events of one topic are handed to `fanOut` strictly one after another, in
 * bus order, even when fan-out awaits (an authorization lookup): a socket
 * never sees seq 8 before seq 7 because 7 waited for the database.
 *
 * A topic whose last local member leaves stays subscribed for `lingerMs`
 * (its events go nowhere meanwhile): in a reconnect storm every socket leaves
 * and comes back within seconds, and unsubscribing and resubscribing each
 * topic cost two broker round trips apiece for nothing.
 */
import type { BusEvent } from "@parley/protocol/events";
import type { Logger } from "pino";
import type { EventBus, Unsubscribe } from "@parley/api/bus/event-bus";

export interface TopicMember {
  readonly userId: string;
}

export type FanOut<Member extends TopicMember> = (topic: string, event: BusEvent, members: readonly Member[]) => void | Promise<void>;

interface TopicEntry<Member> {
  members: Set<Member>;
  /** Resolves once the bus subscription is live; rejects if it could not be made. */
  ready: Promise<Unsubscribe>;
  /** The tail of this topic's fan-out queue. */
  queue: Promise<void>;
  /** Set while the topic has no members: when it fires, the subscription ends. */
  lingerTimer: NodeJS.Timeout | null;
}

export const DEFAULT_TOPIC_LINGER_MS = 30_000;

export class TopicRouter<Member extends TopicMember> {
  private readonly topics = new Map<string, TopicEntry<Member>>();

  constructor(
    private readonly bus: EventBus,
    private readonly fanOut: FanOut<Member>,
    private readonly logger: Logger,
    private readonly lingerMs = DEFAULT_TOPIC_LINGER_MS,
  ) {}

  /** Adds the member to the topic; resolves once events of the topic reach this node. */
  async join(topic: string, member: Member): Promise<void> {
    let entry = this.topics.get(topic);
    if (!entry) {
      const created: TopicEntry<Member> = { members: new Set(), ready: Promise.resolve(async () => {}), queue: Promise.resolve(), lingerTimer: null };
      created.ready = this.bus.subscribe(topic, (event) => this.enqueue(topic, created, event));
      this.topics.set(topic, created);
      entry = created;
      created.ready.catch(() => {
        // A failed subscription must not stay cached: the next join tries again.
        if (this.topics.get(topic) === created) this.topics.delete(topic);
      });
    }
    if (entry.lingerTimer) clearTimeout(entry.lingerTimer);
    entry.lingerTimer = null;
    entry.members.add(member);
    await entry.ready;
  }

  leave(topic: string, member: Member): void {
    const entry = this.topics.get(topic);
    if (!entry || !entry.members.delete(member)) return;
    if (entry.members.size > 0) return;
    if (this.lingerMs <= 0) return this.unsubscribe(topic, entry);
    entry.lingerTimer = setTimeout(() => this.unsubscribe(topic, entry), this.lingerMs);
    entry.lingerTimer.unref();
  }

  /** Ends every subscription at once (shutdown). */
  close(): void {
    for (const [topic, entry] of [...this.topics]) {
      if (entry.lingerTimer) clearTimeout(entry.lingerTimer);
      this.unsubscribe(topic, entry);
    }
  }

  private unsubscribe(topic: string, entry: TopicEntry<Member>): void {
    if (this.topics.get(topic) !== entry) return;
    this.topics.delete(topic);
    entry.ready
      .then(
        (unsubscribe) => unsubscribe(),
        () => undefined,
      )
      .catch((error: unknown) => this.logger.warn({ err: error, topic }, "bus unsubscribe failed"));
  }

  /** The topics this node is subscribed to, lingering ones included (metrics, tests). */
  topicCount(): number {
    return this.topics.size;
  }

  private enqueue(topic: string, entry: TopicEntry<Member>, event: BusEvent): void {
    entry.queue = entry.queue.then(async () => {
      if (entry.members.size === 0) return;
      try {
        await this.fanOut(topic, event, [...entry.members]);
      } catch (error) {
        this.logger.error({ err: error, topic, eventType: event.type }, "fan-out failed");
      }
    });
  }
}
