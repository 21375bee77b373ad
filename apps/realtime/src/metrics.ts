import { collectDefaultMetrics, Counter, Gauge, Registry } from "prom-client";

export interface RealtimeMetrics {
  registry: Registry;
  connections: Gauge;
  framesIn: Counter;
  framesOut: Counter;
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
  };
}
