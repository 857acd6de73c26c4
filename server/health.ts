import type {RequestHandler} from 'express'

/** How long readiness waits for the lake's answer before calling the site unready. */
const LAKE_BUDGET_MS = 2_000

export interface Readiness {
  /** True from the moment the site is told to stop. */
  shuttingDown(): boolean
  lakeAnswers(budgetMs: number): Promise<boolean>
}

/**
 * `GET|HEAD /healthz` (the process answers) and `/readyz` (the site can serve pages: not
 * stopping, and the lake answers), before the page cache and Remix so neither can answer for
 * them. Never stored by anyone: a cached "ready" would hide an outage.
 */
export function healthEndpoints(readiness: Readiness): RequestHandler {
  // Anyone can ask /readyz: however many ask at once, the lake is asked once at a time.
  let asking: Promise<boolean> | undefined
  const lakeAnswers = (budgetMs: number) => {
    asking ??= readiness.lakeAnswers(budgetMs).finally(() => {
      asking = undefined
    })
    return asking
  }
  const shared: Readiness = {shuttingDown: () => readiness.shuttingDown(), lakeAnswers}
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next()
    if (req.path !== '/healthz' && req.path !== '/readyz') return next()
    res.set('Cache-Control', 'no-store')
    if (req.path === '/healthz') {
      res.json({status: 'alive'})
      return
    }
    void unreadyReason(shared).then((reason) => {
      if (reason) res.status(503).json({status: 'unready', reason})
      else res.json({status: 'ready'})
    })
  }
}

async function unreadyReason(readiness: Readiness): Promise<string | null> {
  if (readiness.shuttingDown()) return 'shutting down'
  if (!(await readiness.lakeAnswers(LAKE_BUDGET_MS))) return 'the Content Lake does not answer'
  return null
}
