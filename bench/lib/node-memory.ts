/**
 * A realtime node's memory as the node itself reports it: its Prometheus
 * /metrics (prom-client default metrics) carry RSS, V8 heap used/total,
 * external memory and how many major (mark-compact) GCs it has run.
 *
 * Memory read at an arbitrary moment includes garbage V8 has not collected
 * yet (right after a connect burst, ~25 KB per new socket) and heap pages it
 * has not given back, so figures per socket are read once the node has
 * settled (waitForSettledMemory), with a deadline: V8 decides when to
 * collect, the bench never forces it, and a run that did not settle says so.
 * Even settled, one sample lands anywhere in the GC cycle (idle sockets' pings
 * keep allocating), so the figures are the mean over a window (sampleWindow).
 */
export interface NodeMemory {
  rssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  externalBytes: number;
  majorGcs: number;
}

function metricValue(text: string, name: string, labels = ""): number {
  const pattern = new RegExp(`^${name}${labels ? `\\{[^}]*${labels}[^}]*\\}` : "(?:\\{[^}]*\\})?"} ([0-9.e+-]+)`, "m");
  const match = pattern.exec(text);
  if (!match) throw new Error(`metric ${name}${labels ? `{${labels}}` : ""} not in /metrics`);
  return Number(match[1]);
}

export async function readNodeMemory(httpUrl: string): Promise<NodeMemory> {
  const response = await fetch(`${httpUrl}/metrics`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GET /metrics: ${response.status}`);
  const text = await response.text();
  let majorGcs = 0;
  try {
    majorGcs = metricValue(text, "nodejs_gc_duration_seconds_count", 'kind="major"');
  } catch {
    // No major GC yet: prom-client only writes a label set once it was observed.
  }
  return {
    rssBytes: metricValue(text, "process_resident_memory_bytes"),
    heapUsedBytes: metricValue(text, "nodejs_heap_size_used_bytes"),
    heapTotalBytes: metricValue(text, "nodejs_heap_size_total_bytes"),
    externalBytes: metricValue(text, "nodejs_external_memory_bytes"),
    majorGcs,
  };
}

export interface SettledMemory extends NodeMemory {
  /** False when the deadline passed first: the figures then include garbage or heap V8 had not given back. */
  isSettled: boolean;
  majorGcsSeen: number;
  waitedMs: number;
}

// Two major GCs in a row whose RSS differs by less than this mean the heap has settled.
const SETTLED_RSS_FRACTION = 0.02;

/**
 * Polls the node until its memory has settled by V8's own doing: a burst of
 * connects leaves garbage in old space, and V8 returns the pages over
 * several major GCs (its memory reducer), not at the first, and while the
 * heap is still growing a GC can leave RSS higher than the one before.
 * Settled = a major GC after which RSS is within 2% of the previous one's.
 * The sample returned is the one read right after that GC (within `pollMs`).
 */
export async function waitForSettledMemory(httpUrl: string, deadlineMs: number, pollMs = 1_000): Promise<SettledMemory> {
  const started = performance.now();
  const first = await readNodeMemory(httpUrl);
  let previous = first;
  let afterLastGc: NodeMemory | undefined;
  while (performance.now() - started < deadlineMs) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    const current = await readNodeMemory(httpUrl);
    const isAfterMajorGc = current.majorGcs > previous.majorGcs;
    previous = current;
    if (!isAfterMajorGc) continue;
    const isSettled = afterLastGc !== undefined && Math.abs(current.rssBytes - afterLastGc.rssBytes) <= afterLastGc.rssBytes * SETTLED_RSS_FRACTION;
    afterLastGc = current;
    if (isSettled) return { ...current, isSettled, majorGcsSeen: current.majorGcs - first.majorGcs, waitedMs: performance.now() - started };
  }
  return { ...(afterLastGc ?? previous), isSettled: false, majorGcsSeen: previous.majorGcs - first.majorGcs, waitedMs: performance.now() - started };
}

export interface MemoryWindow extends NodeMemory {
  samples: number;
  minRssBytes: number;
  maxRssBytes: number;
}

/** Mean of the node's figures sampled every `pollMs` for `windowMs` (majorGcs: the last value). */
export async function sampleWindow(httpUrl: string, windowMs: number, pollMs = 1_000): Promise<MemoryWindow> {
  const samples: NodeMemory[] = [await readNodeMemory(httpUrl)];
  const started = performance.now();
  while (performance.now() - started < windowMs) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    samples.push(await readNodeMemory(httpUrl));
  }
  const mean = (key: keyof NodeMemory) => samples.reduce((sum, sample) => sum + sample[key], 0) / samples.length;
  const rss = samples.map((sample) => sample.rssBytes);
  return {
    rssBytes: mean("rssBytes"),
    heapUsedBytes: mean("heapUsedBytes"),
    heapTotalBytes: mean("heapTotalBytes"),
    externalBytes: mean("externalBytes"),
    majorGcs: samples.at(-1)?.majorGcs ?? 0,
    samples: samples.length,
    minRssBytes: Math.min(...rss),
    maxRssBytes: Math.max(...rss),
  };
}
