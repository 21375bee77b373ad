/** The result model of a bench run and its writers: JSON, a Markdown table and one SVG latency chart per scenario. */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { percentile, type ProcessUsage } from "./stats.ts";

export interface Budget {
  /** What the budget constrains: the metric's own value, or its ratio to the baseline. */
  on: "value" | "ratio";
  op: "<=" | ">=";
  limit: number;
}

export interface Metric {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  budget?: Budget;
}

export interface LatencySeries {
  label: string;
  samplesMs: number[];
}

export interface ScenarioResult {
  scenario: string;
  status: "ok" | "not-runnable" | "failed";
  /** What ran (sizes, durations) or why it could not. */
  note: string;
  metrics: Metric[];
  processes: ProcessUsage[];
  latency?: LatencySeries[];
  /** Wall time of the scenario, set-up and tear-down included. */
  wallSeconds?: number;
}

export interface BenchRun {
  startedAt: string;
  mode: "quick" | "full";
  /** Wall time of the whole run, Postgres start and stop included. */
  wallSeconds?: number;
  machine: { cpus: number; node: string; platform: string };
  scenarios: ScenarioResult[];
}

export function ratioOf(metric: Metric): number | null {
  if (!metric.baseline || metric.baseline.value === 0) return null;
  return metric.value / metric.baseline.value;
}

export function passes(metric: Metric): boolean | null {
  if (!metric.budget) return null;
  const subject = metric.budget.on === "value" ? metric.value : ratioOf(metric);
  if (subject === null || Number.isNaN(subject)) return null;
  return metric.budget.op === "<=" ? subject <= metric.budget.limit : subject >= metric.budget.limit;
}

const number = (value: number) => (Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2));

function wallTime(seconds: number | undefined): string {
  if (seconds === undefined) return "?";
  return seconds >= 90 ? `${(seconds / 60).toFixed(1)} min` : `${seconds.toFixed(0)} s`;
}

function budgetText(budget: Budget | undefined, unit: string): string {
  if (!budget) return "";
  return budget.on === "ratio" ? `ratio ${budget.op} ${budget.limit * 100}%` : `${budget.op} ${budget.limit} ${unit}`;
}

export function renderMarkdown(run: BenchRun): string {
  const lines = [
    `Bench run ${run.startedAt} (${run.mode}; ${run.machine.cpus} CPUs, Node ${run.machine.node})`,
    "",
    `Wall time: ${wallTime(run.wallSeconds)} in all; ${run.scenarios.map((scenario) => `${scenario.scenario} ${wallTime(scenario.wallSeconds)}`).join(", ")}.`,
    "",
    "| scenario | metric | value | baseline | ratio | budget | pass/miss |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const scenario of run.scenarios) {
    if (scenario.status !== "ok") {
      lines.push(`| ${scenario.scenario} | — | ${scenario.status}: ${scenario.note} | | | | |`);
      continue;
    }
    for (const metric of scenario.metrics) {
      const ratio = ratioOf(metric);
      const pass = passes(metric);
      lines.push(
        `| ${scenario.scenario} | ${metric.name} | ${number(metric.value)} ${metric.unit} | ${
          metric.baseline ? `${metric.baseline.name}: ${number(metric.baseline.value)} ${metric.unit}` : ""
        } | ${ratio === null ? "" : `${(ratio * 100).toFixed(0)}%`} | ${budgetText(metric.budget, metric.unit)} | ${pass === null ? "" : pass ? "pass" : "MISS"} |`,
      );
    }
  }
  lines.push("", "| scenario | what ran | process | CPU (cores) | RSS (MB) |", "|---|---|---|---|---|");
  for (const scenario of run.scenarios) {
    for (const usage of scenario.processes) {
      lines.push(`| ${scenario.scenario} | ${scenario.note} | ${usage.role} ×${usage.processes} | ${usage.cpuCores.toFixed(2)} | ${usage.rssMb.toFixed(0)} |`);
    }
  }
  return lines.join("\n") + "\n";
}

const COLOURS = ["#2563eb", "#dc2626", "#16a34a", "#9333ea"];

/** Latency by percentile (x: 0–100th, y: ms), one line per series. */
export function renderLatencySvg(title: string, series: readonly LatencySeries[]): string {
  const width = 640;
  const height = 360;
  const left = 60;
  const bottom = 40;
  const top = 30;
  const right = 160;
  const curves = series.map((entry) => {
    const sorted = [...entry.samplesMs].sort((a, b) => a - b);
    return { label: entry.label, points: Array.from({ length: 101 }, (_, index) => percentile(sorted, Math.max(index, 1) / 100)) };
  });
  const maxY = Math.max(1e-3, ...curves.flatMap((curve) => curve.points.filter(Number.isFinite)));
  const x = (index: number) => left + (index / 100) * (width - left - right);
  const y = (ms: number) => height - bottom - (ms / maxY) * (height - bottom - top);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((fraction) => fraction * maxY);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${left}" y="18" font-size="13">${escapeXml(title)}: latency by percentile</text>`,
    `<line x1="${left}" y1="${height - bottom}" x2="${width - right}" y2="${height - bottom}" stroke="#333"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${height - bottom}" stroke="#333"/>`,
    ...ticks.map((tick) => `<text x="${left - 6}" y="${y(tick) + 4}" text-anchor="end">${number(tick)}</text>`),
    ...[0, 50, 90, 99].map((p) => `<text x="${x(p)}" y="${height - bottom + 14}" text-anchor="middle">p${p}</text>`),
    `<text x="${(left + width - right) / 2}" y="${height - 6}" text-anchor="middle">percentile</text>`,
    `<text x="14" y="${(top + height - bottom) / 2}" transform="rotate(-90 14 ${(top + height - bottom) / 2})" text-anchor="middle">ms</text>`,
  ];
  curves.forEach((curve, index) => {
    const colour = COLOURS[index % COLOURS.length];
    const d = curve.points.map((ms, p) => `${p === 0 ? "M" : "L"}${x(p).toFixed(1)},${y(ms).toFixed(1)}`).join(" ");
    parts.push(`<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    parts.push(`<text x="${width - right + 10}" y="${top + 14 + index * 16}" fill="${colour}">${escapeXml(curve.label)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("\n") + "\n";
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Writes <stamp>.json, <stamp>.md and <stamp>-<scenario>.svg; returns the Markdown. */
export async function writeResults(directory: string, run: BenchRun): Promise<{ markdown: string; files: string[] }> {
  await mkdir(directory, { recursive: true });
  const stamp = run.startedAt.replace(/[:]/g, "-").replace(/\.\d+Z$/, "Z");
  const markdown = renderMarkdown(run);
  const files = [path.join(directory, `${stamp}.json`), path.join(directory, `${stamp}.md`)];
  // Raw samples make the JSON huge; keep their summary there and the shape in the chart.
  const compact = { ...run, scenarios: run.scenarios.map(({ latency: _latency, ...rest }) => rest) };
  await writeFile(files[0] as string, JSON.stringify(compact, null, 2) + "\n");
  await writeFile(files[1] as string, markdown);
  for (const scenario of run.scenarios) {
    if (!scenario.latency?.length) continue;
    const file = path.join(directory, `${stamp}-${scenario.scenario}.svg`);
    await writeFile(file, renderLatencySvg(scenario.scenario, scenario.latency));
    files.push(file);
  }
  return { markdown, files };
}
