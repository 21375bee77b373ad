import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

export interface RealtimeMetrics {
  registry: Registry;
  connections: Gauge;
  framesIn: Counter;
  framesOut: Counter;
  /** Commit (message createdAt) to fan-out on this node: includes bus lag. */
  deliveryLatency: Histogram;
  busTopics: Gauge;
  slowClientCloses: Counter;
  busGaps: Counter;
}

/** A registry per server instance, so tests can run several servers in one process. */
export function createRealtimeMetrics(): RealtimeMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    connections: new Gauge({ name: "parley_realtime_connections", help: "Open WebSocket connections", registers: [registry] }),
    framesIn: new Counter({ name: "parley_realtime_frames_in_total", help: "Frames received from clients", registers: [registry] }),
    framesOut: new Counter({ name: "parley_realtime_frames_out_total", help: "Frames sent to clients", registers: [registry] }),
    deliveryLatency: new Histogram({
      name: "parley_realtime_delivery_seconds",
      help: "From a message's commit to its fan-out on this node (bus lag included)",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    busTopics: new Gauge({ name: "parley_realtime_bus_topics", help: "Bus topics this node is subscribed to", registers: [registry] }),
    slowClientCloses: new Counter({
      name: "parley_realtime_slow_client_closes_total",
      help: "Sockets closed with 1013 for falling behind",
      registers: [registry],
    }),
    busGaps: new Counter({ name: "parley_realtime_bus_gaps_total", help: "Bus reconnects after which every socket was told to resync", registers: [registry] }),
  };
}
