import {getPublicClient} from '~/sanity/client.server'

/**
 * Whether the lake answers the cheapest query the public client can send within `budgetMs`:
 * the site's readiness depends on it, since no page can be served without the lake.
 */
export async function lakeAnswers(budgetMs: number): Promise<boolean> {
  try {
    await getPublicClient().fetch('1', {}, {signal: AbortSignal.timeout(budgetMs)})
    return true
  } catch {
    return false
  }
}
