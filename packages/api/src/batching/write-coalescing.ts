/**
 * Writes to one connection during one turn of the event loop leave in one
 * write: the stream is corked at its first write of the turn and uncorked
 * once the turn is over. A connection usually gets one write per turn and
 * this changes nothing; when the process falls behind (a burst of bus events
 * read in one go, a reconnect wave answered in a few turns) it gets several,
 * and each had cost a system call and a wake-up of the reader. So the busier
 * the process, the fewer writes per frame. Used for WebSocket peers; the
 * Redis connections (bus publishes, presence writes) use the shorter
 * coalesceWritesThisTick below.
 */
export interface Corkable {
  cork(): void;
  uncork(): void;
}

const corkedThisTurn = new Set<Corkable>();

function uncorkAll(): void {
  for (const socket of corkedThisTurn) socket.uncork();
  corkedThisTurn.clear();
}

/** Holds the socket's writes until the end of this turn (idempotent within a turn). */
export function coalesceWritesThisTurn(socket: Corkable): void {
  if (corkedThisTurn.has(socket)) return;
  if (corkedThisTurn.size === 0) setImmediate(uncorkAll);
  corkedThisTurn.add(socket);
  socket.cork();
}

/**
 * The corks of the current callbacks: released once this tick's promise
 * continuations have run, before any more I/O is handled. For the Redis
 * connections: the publishes of one batch of settled sends leave in one
 * write without waiting for the next turn, which, behind a turn of fan-out
 * writes, cost the 1,000-member fan-out 2.2× Socket.IO's p99 instead of 1.3×
 * (medians of three alternating quick runs each).
 */
const corkedThisTick = new Set<Corkable>();

function uncorkThisTick(): void {
  for (const stream of corkedThisTick) stream.uncork();
  corkedThisTick.clear();
}

/** Holds the stream's writes until the current callbacks and their continuations have run (idempotent meanwhile). */
export function coalesceWritesThisTick(stream: Corkable): void {
  if (corkedThisTick.has(stream)) return;
  if (corkedThisTick.size === 0) process.nextTick(uncorkThisTick);
  corkedThisTick.add(stream);
  stream.cork();
}
