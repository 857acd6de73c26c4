/**
 * Akismet's 1.2 account reports, built from what the stand-in was sent: usage-limit (calls this
 * month against the plan; the stand-in's plan is unlimited) and key-sites (per-site counts).
 */

export interface SiteCounts {
  site: string
  api_calls: number
  spam: number
  ham: number
  missed_spam: number
  false_positives: number
  is_revoked: boolean
}

export function usageLimit(commentChecks: number) {
  return {limit: 'none', usage: commentChecks, percentage: '0.00', throttled: false}
}

const ORDERS: Record<string, keyof SiteCounts> = {
  total: 'api_calls',
  spam: 'spam',
  ham: 'ham',
  missed_spam: 'missed_spam',
  false_positives: 'false_positives',
}

const whole = (value: string | undefined, fallback: number) => (value !== undefined && /^\d+$/.test(value) ? Number(value) : fallback)

/** The key-sites answer for a month: JSON `{<month>: [sites], limit, offset, total}` or CSV. */
export function keySites(month: string, sites: SiteCounts[], params: Record<string, string>): {format: 'json' | 'csv'; body: string} {
  const order = ORDERS[params.order ?? 'total'] ?? 'api_calls'
  const limit = whole(params.limit, 500)
  const offset = whole(params.offset, 0)
  const filter = params.filter?.toLowerCase()
  const matching = sites.filter((site) => !filter || site.site.toLowerCase().includes(filter)).sort((a, b) => Number(b[order]) - Number(a[order]))
  const page = matching.slice(offset, offset + limit)
  if (params.format === 'csv') {
    const header = 'Site,Total API Calls,Spam,Ham,Missed Spam,False Positives,Is Revoked'
    const rows = page.map((s) => [JSON.stringify(s.site), s.api_calls, s.spam, s.ham, s.missed_spam, s.false_positives, s.is_revoked].join(','))
    return {format: 'csv', body: `${[header, ...rows].join('\n')}\n`}
  }
  return {format: 'json', body: JSON.stringify({[month]: page, limit, offset, total: matching.length})}
}
