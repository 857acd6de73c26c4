import {type Attack, type Attacker, oneRound, type Target} from './attacks'
import type {Outcome} from './requests'

export interface AttackRecord {
  attack: Attack
  outcome: Outcome
}

export interface AttackPlan {
  target: Target
  attacks: readonly Attack[]
  clients: number
  /** Rounds after the first continue only while this says so (honest traffic still being measured). */
  keepGoing(): boolean
  maxRounds: number
  /** Added to each kind's budget for the client's own timeout: past it, the request hung. */
  marginMs: number
  stop: AbortSignal
}

/**
 * `clients` anonymous clients, each sending one request at a time, work through rounds of
 * every attack kind: at least one whole round, then more while honest traffic is measured,
 * never more than `maxRounds`.
 */
export async function runAttackers(plan: AttackPlan): Promise<AttackRecord[]> {
  const records: AttackRecord[] = []
  const sent = new Map<Attack, number>()
  const round = oneRound(plan.attacks)
  let next = 0
  const take = (): Attack | undefined => {
    const rounds = Math.floor(next / round.length)
    if (plan.stop.aborted || rounds >= plan.maxRounds || (rounds >= 1 && !plan.keepGoing())) return undefined
    return round[next++ % round.length]
  }
  await Promise.all(
    Array.from({length: plan.clients}, async (_, index) => {
      // Each client from its own network, as the site's proxy reports it.
      const attacker: Attacker = {address: `198.18.${index}.${10 + index}`}
      for (let attack = take(); attack; attack = take()) {
        const n = sent.get(attack) ?? 0
        sent.set(attack, n + 1)
        const outcome = await attack.send(plan.target, attacker, n, {timeoutMs: attack.budgetMs + plan.marginMs, stop: plan.stop})
        records.push({attack, outcome})
      }
    }),
  )
  return records
}
