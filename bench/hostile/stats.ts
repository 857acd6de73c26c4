/** Latency figures for the benchmarks: nearest-rank percentiles over milliseconds. */

/** The value at or below which `p` percent of the sorted samples fall (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

export interface LatencySummary {
  count: number
  p50: number
  p95: number
  max: number
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b)
  return {count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? Number.NaN}
}

/**
 * How many times slower under attack than at rest. Below `floorMs` a latency is scheduler
 * noise on a shared machine, not a measure of the server, so the rest figure counts as at
 * least that much.
 */
export function slowdown(restP95: number, attackP95: number, floorMs: number): number {
  return attackP95 / Math.max(restP95, floorMs)
}

/** "400×12 413×3 closed×2": how often each answer was seen, most frequent first. */
export function tally(labels: readonly string[]): string {
  const counts = new Map<string, number>()
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1)
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([label, count]) => `${label}×${count}`)
    .join(' ')
}
