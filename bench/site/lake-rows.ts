import {run} from './measure'

export interface LakeRow {
  query: string
  p50: number
  p95: number
}

/**
 * The lake benchmark's query rows at 100,000 documents. THE ONE INTEGRATION POINT with
 * bench/lake/: it runs `npm run bench:lake -- 100000` and reads the Markdown table it prints
 * (`| documents | query | HTTP p50 ms | HTTP p95 ms | … |`). Should bench/lake/ come to export
 * its rows as a function, call that here instead.
 */
export async function lakeRows(timeoutMs: number): Promise<LakeRow[]> {
  // A raised time budget, as for the site's lake: a slow query is then a figure, not a failed run.
  const out = await run('npm', ['run', '--silent', 'bench:lake', '--', '100000'], {env: {CONTENT_LAKE_QUERY_TIMEOUT_MS: '30000'}, timeoutMs})
  return out.split('\n').flatMap((line) => {
    const cells = line.split('|').map((cell) => cell.trim())
    // | 100,000 | name | p50 | p95 | … ; the writes row and the header have no numbers there.
    const [, documents, query, p50, p95] = cells
    if (!documents || !/^\d[\d,]*$/.test(documents) || !query || query.startsWith('**')) return []
    return [{query, p50: Number(p50), p95: Number(p95)}]
  })
}
