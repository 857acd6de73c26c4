import fs from 'node:fs'

/**
 * The stack's services as Linux sees them: `npm start` forks the lake and the site a few
 * levels below npm, so they are found by their entry point among npm's descendants, and their
 * memory is read from /proc (a service's own children, if any, count towards it).
 */

function parentOf(pid: number): number | undefined {
  try {
    // The command name (field 2) is in parentheses and may hold spaces; the parent follows it.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
  } catch {
    return undefined
  }
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>()
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const parent = parentOf(Number(entry))
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), Number(entry)])
  }
  const found: number[] = []
  const queue = [root]
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child)
      queue.push(child)
    }
  }
  return found
}

function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')
  } catch {
    return ''
  }
}

/** The process under `root` whose command line runs `entry` (e.g. "content-lake/src/cli.ts"). */
export function findService(root: number, entry: string): number {
  const pid = descendants(root).find((candidate) => commandLine(candidate).includes(entry))
  if (pid === undefined) throw new Error(`No process running ${entry} under ${root}`)
  return pid
}

/** A field of /proc/<pid>/status in MiB (VmRSS: resident now; VmHWM: the most it ever was); 0 once gone. */
function statusMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) / 1024 : 0
  } catch {
    return 0
  }
}

/** Resident memory of a service and its own child processes, in MiB. */
export function serviceRss(pid: number): number {
  return [pid, ...descendants(pid)].reduce((sum, each) => sum + statusMiB(each, 'VmRSS'), 0)
}

/** The service process's own high-water mark since it started, in MiB. */
export function serviceHighWater(pid: number): number {
  return statusMiB(pid, 'VmHWM')
}

/** Peak resident memory per named service, sampled every `intervalMs` until stopped. */
export class RssSampler {
  private peaks = new Map<string, number>()
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly services: Record<string, number>,
    private readonly intervalMs = 200,
  ) {}

  start(): void {
    this.sample()
    this.timer = setInterval(() => this.sample(), this.intervalMs)
  }

  /** Stops sampling and answers each service's peak since `start`. */
  stop(): Record<string, number> {
    clearInterval(this.timer)
    this.sample()
    return Object.fromEntries(Object.keys(this.services).map((name) => [name, this.peaks.get(name) ?? 0]))
  }

  private sample(): void {
    for (const [name, pid] of Object.entries(this.services)) {
      this.peaks.set(name, Math.max(this.peaks.get(name) ?? 0, serviceRss(pid)))
    }
  }
}
