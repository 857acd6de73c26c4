import type {AttemptResult} from './attempt'

const FIRST_RETRY_MS = 1_000
const LONGEST_WAIT_MS = 5 * 60_000

/** Sanity's rule: network failures, timeouts, 429 and 5xx are worth another try; other answers are final. */
export function isRetryable(result: AttemptResult): boolean {
  return 'error' in result || result.status === 429 || result.status >= 500
}

/**
 * The wait after the given number of failed attempts: about 1 s, 2 s, 4 s, … up to 5 min,
 * each spread by ±25% so that receivers coming back up are not hit by every sender at once.
 */
export function retryDelayMs(failedAttempts: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** (failedAttempts - 1), LONGEST_WAIT_MS)
  return Math.round(base * (0.75 + random() * 0.5))
}
