/** Percentiles over latency samples and CPU/RSS of processes read from /proc (no dependencies). */
import { readFileSync } from "node:fs";

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sortedAscending: readonly number[], fraction: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  const rank = Math.min(sortedAscending.length - 1, Math.max(0, Math.ceil(fraction * sortedAscending.length) - 1));
  return sortedAscending[rank] as number;
}

export function summarise(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/** Same machine, different processes: an absolute ms clock they all share. */
export function wallClockMs(): number {
  return performance.timeOrigin + performance.now();
}

// Linux reports CPU time in clock ticks; 100 on every mainstream kernel config.
const CLOCK_TICKS_PER_SECOND = 100;

export interface ProcessSample {
  pid: number;
  cpuSeconds: number;
  rssBytes: number;
  peakRssBytes: number;
}

/** null when the process is gone (or /proc is not readable). */
export function sampleProcess(pid: number): ProcessSample | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the parenthesised command name (which may contain spaces).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kilobytes = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
    return { pid, cpuSeconds: (utime + stime) / CLOCK_TICKS_PER_SECOND, rssBytes: kilobytes("VmRSS") * 1024, peakRssBytes: kilobytes("VmHWM") * 1024 };
  } catch {
    return null;
  }
}

export interface ProcessUsage {
  role: string;
  processes: number;
  /** CPU seconds used during the measured window, divided by its length: 1.0 = one core busy. */
  cpuCores: number;
  rssMb: number;
}

/** Tracks a group of processes (e.g. "postgres backends") over a measured window. */
export class ProcessGroupMeter {
  private readonly start = new Map<number, number>();
  private startedAt = 0;
  constructor(
    readonly role: string,
    private readonly pids: () => number[] | Promise<number[]>,
  ) {}

  async begin(): Promise<void> {
    this.startedAt = performance.now();
    for (const pid of await this.pids()) {
      const sample = sampleProcess(pid);
      if (sample) this.start.set(pid, sample.cpuSeconds);
    }
  }

  async end(): Promise<ProcessUsage> {
    const seconds = (performance.now() - this.startedAt) / 1000;
    let cpu = 0;
    let rss = 0;
    let count = 0;
    for (const pid of await this.pids()) {
      const sample = sampleProcess(pid);
      if (!sample) continue;
      count += 1;
      cpu += sample.cpuSeconds - (this.start.get(pid) ?? 0);
      rss += sample.rssBytes;
    }
    return { role: this.role, processes: count, cpuCores: seconds > 0 ? cpu / seconds : 0, rssMb: rss / 1024 / 1024 };
  }
}
