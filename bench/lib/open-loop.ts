/**
 * An open-loop send schedule: message `id` leaves at started + id / rate,
 * however slow the server is (a closed loop would slow down with it and hide
 * the queueing we measure). Returns how many were sent and over how long.
 */
export async function sendOpenLoop(ratePerSecond: number, seconds: number, send: (id: number) => void): Promise<{ total: number; seconds: number }> {
  const total = Math.round(ratePerSecond * seconds);
  const started = performance.now();
  for (let id = 0; id < total; id += 1) {
    const wait = started + (id * 1000) / ratePerSecond - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    send(id);
  }
  return { total, seconds: (performance.now() - started) / 1000 };
}
