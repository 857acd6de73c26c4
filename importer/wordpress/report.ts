/**
 * What an import did (or, with --dry-run, would do): counts per type and status, what each
 * document write came to, and everything skipped or not understood, with where and why.
 */
export type WriteOutcome = 'created' | 'updated' | 'unchanged' | 'kept'

const OUTCOME_WORDS: Record<WriteOutcome, string> = {
  created: 'created',
  updated: 'updated from the export',
  unchanged: 'unchanged',
  kept: 'kept as an editor changed them (--overwrite replaces them)',
}

export class ImportReport {
  private readonly counts = new Map<string, Map<string, number>>()
  private readonly outcomes = new Map<WriteOutcome, number>()
  readonly notes: {where: string; what: string}[] = []

  count(type: string, status: string): void {
    const byStatus = this.counts.get(type) ?? new Map<string, number>()
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1)
    this.counts.set(type, byStatus)
  }

  counted(type: string, status?: string): number {
    const byStatus = this.counts.get(type)
    if (!byStatus) return 0
    return status ? (byStatus.get(status) ?? 0) : [...byStatus.values()].reduce((sum, n) => sum + n, 0)
  }

  wrote(outcome: WriteOutcome): void {
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1)
  }

  written(outcome: WriteOutcome): number {
    return this.outcomes.get(outcome) ?? 0
  }

  note(where: string, what: string): void {
    this.notes.push({where, what})
  }

  format({dryRun}: {dryRun: boolean}): string {
    const lines = [dryRun ? 'WordPress import (dry run: nothing written)' : 'WordPress import', '']
    for (const [type, byStatus] of [...this.counts].sort(([a], [b]) => a.localeCompare(b))) {
      const statuses = [...byStatus].sort(([a], [b]) => a.localeCompare(b)).map(([status, n]) => `${n} ${status}`)
      lines.push(`  ${type}: ${statuses.join(', ')}`)
    }
    lines.push('', dryRun ? 'Documents that would be:' : 'Documents:')
    for (const outcome of Object.keys(OUTCOME_WORDS) as WriteOutcome[]) {
      lines.push(`  ${this.written(outcome)} ${OUTCOME_WORDS[outcome]}`)
    }
    lines.push('', this.notes.length === 0 ? 'Nothing skipped; everything understood.' : `Skipped or not understood (${this.notes.length}):`)
    for (const {where, what} of this.notes) lines.push(`  ${where}: ${what}`)
    return `${lines.join('\n')}\n`
  }
}
