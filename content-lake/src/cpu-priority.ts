import fs from 'node:fs'
import os from 'node:os'

/**
 * The lake's costly work (query workers, libvips' image threads) runs at a lower CPU priority
 * (nice 10) than its own thread and the site: on a small server a flood of costly queries or
 * renders then takes the CPU that is left over, and pings, writes and page renders keep theirs.
 * Linux only (a thread's id is a valid target for setpriority there); elsewhere, and where the
 * system refuses, threads run as they are.
 */
export const COSTLY_WORK_NICENESS = 10

function lower(threadId: number): void {
  try {
    os.setPriority(threadId, COSTLY_WORK_NICENESS)
  } catch {
    // Not permitted here: priority stays as it is.
  }
}

/** Lowers the calling thread's priority (a query worker calls it as it starts). */
export function lowerThisThreadsPriority(): void {
  try {
    // `/proc/thread-self` links to `<pid>/task/<tid>`.
    const threadId = Number(fs.readlinkSync('/proc/thread-self').split('/').pop())
    if (Number.isInteger(threadId) && threadId > 0) lower(threadId)
  } catch {
    // No /proc: not Linux.
  }
}

const lowered = new Set<number>()

/** Lowers the priority of this process's threads named `name` that are not lowered yet (libvips starts its own). */
export function lowerThreadsNamed(name: string): void {
  let threads: string[]
  try {
    threads = fs.readdirSync('/proc/self/task')
  } catch {
    return
  }
  for (const thread of threads) {
    const threadId = Number(thread)
    if (lowered.has(threadId)) continue
    try {
      if (fs.readFileSync(`/proc/self/task/${thread}/comm`, 'utf8').trim() !== name) continue
    } catch {
      continue // ended meanwhile
    }
    lower(threadId)
    lowered.add(threadId)
  }
}
