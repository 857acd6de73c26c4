import {benchmarkLake} from '../lake/blog-bench'

export interface LakeRow {
  query: string
  p50: number
  p95: number
}

/**
 * The lake benchmark's query rows at 100,000 documents (bench/lake/blog-bench.ts), without its
 * groq-js baseline and write runs, and with fewer runs per query so that it fits `npm run bench`'s
 * ten minutes: at most 100 runs or 4 s a query.
 */
export async function lakeRows(): Promise<LakeRow[]> {
  const rows = await benchmarkLake([100_000], {baseline: false, writes: false, iterations: 100, budgetMs: 4_000})
  // The `process` row is start-up and memory, not a query.
  return rows.filter((row) => row.query !== 'process').map(({query, p50, p95}) => ({query, p50, p95}))
}
