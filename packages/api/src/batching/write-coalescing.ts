/**
 * Writes to one connection during one turn of the event loop leave in one
 * write: the stream is corked at its first write of the turn and uncorked
 * once the turn is over. A connection usually gets one write per turn and
 * this changes nothing; when the process falls behind (a burst of bus events
 * read in one go, a reconnect wave answered in a few turns) it gets several,
 * and each had cost a system call and a wake-up of the reader. So the busier
 * the process, the fewer writes per frame. Used for WebSocket peers and for
 * the Redis connections (bus publishes, presence writes).
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
