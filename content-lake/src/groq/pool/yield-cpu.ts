import fs from 'node:fs'
import os from 'node:os'

/**
 * Query workers run at a lower CPU priority (nice 10) than the lake's own thread and the site:
 * on a small server, a flood of costly queries then takes the CPU that is left over, and pings,
 * writes and page renders keep theirs. Linux only (a thread's id is a valid target for
 * setpriority there); elsewhere, and where the system refuses, workers run as they are.
 */
export const QUERY_WORKER_NICENESS = 10

export function yieldCpuToTheLake(): void {
  try {
    const threadId = Number(path(fs.readlinkSync('/proc/thread-self')))
    if (Number.isInteger(threadId) && threadId > 0) os.setPriority(threadId, QUERY_WORKER_NICENESS)
  } catch {
    // No /proc or no permission: priority stays as it is.
  }
}

// `/proc/thread-self` links to `<pid>/task/<tid>`.
const path = (link: string) => link.split('/').pop()
