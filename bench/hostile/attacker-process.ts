import {fork} from 'node:child_process'
import {type AttackRecord, runAttackers} from './attackers'
import {ATTACKS, type Target} from './attacks'
import type {Outcome} from './requests'

/**
 * The attackers run in a process of their own: sharing the measuring process's event loop,
 * their thousands of streamed bodies would delay the honest probes' own timing and count
 * against the servers under test.
 */

interface Start {
  type: 'start'
  target: Omit<Target, 'commentForm'> & {commentForm: string}
  clients: number
  maxRounds: number
  marginMs: number
}
type ToAttackers = Start | {type: 'honest-done'} | {type: 'stop'}
type FromAttackers = {type: 'done'; records: {kind: string; outcome: Omit<Outcome, 'headers'>}[]}

export interface AttackPlanSettings {
  target: Target
  clients: number
  maxRounds: number
  marginMs: number
  stop: AbortSignal
}

/** Starts the attackers; `honestDone()` lets them finish their round, `records` resolves with every outcome. */
export function attackFromChildProcess(settings: AttackPlanSettings): {honestDone(): void; records: Promise<AttackRecord[]>} {
  const child = fork(import.meta.filename, [], {execArgv: ['--import', 'tsx'], serialization: 'advanced'})
  const send = (message: ToAttackers) => child.connected && child.send(message)
  const onStop = () => send({type: 'stop'})
  settings.stop.addEventListener('abort', onStop, {once: true})
  send({
    type: 'start',
    target: {...settings.target, commentForm: settings.target.commentForm.toString()},
    clients: settings.clients,
    maxRounds: settings.maxRounds,
    marginMs: settings.marginMs,
  })
  const records = new Promise<AttackRecord[]>((resolve, reject) => {
    child.once('message', (message: FromAttackers) => {
      const byKind = new Map(ATTACKS.map((attack) => [attack.kind, attack]))
      resolve(message.records.map(({kind, outcome}) => ({attack: byKind.get(kind)!, outcome})))
      child.disconnect()
    })
    child.once('exit', (code) => reject(new Error(`The attackers' process ended (${code}) before reporting`)))
  }).finally(() => settings.stop.removeEventListener('abort', onStop))
  return {honestDone: () => send({type: 'honest-done'}), records}
}

// In the child: attack as told, report every outcome, end.
if (process.send && process.argv[1] === import.meta.filename) {
  let honestDone = false
  const stop = new AbortController()
  process.on('message', (message: ToAttackers) => {
    if (message.type === 'honest-done') honestDone = true
    else if (message.type === 'stop') stop.abort()
    else {
      const target: Target = {...message.target, commentForm: new URLSearchParams(message.target.commentForm)}
      void runAttackers({
        target,
        attacks: ATTACKS,
        clients: message.clients,
        keepGoing: () => !honestDone,
        maxRounds: message.maxRounds,
        marginMs: message.marginMs,
        stop: stop.signal,
      }).then((records) => {
        const report: FromAttackers = {
          type: 'done',
          records: records.map(({attack, outcome: {headers: _headers, ...outcome}}) => ({kind: attack.kind, outcome})),
        }
        process.send!(report, undefined, {}, () => process.exit(0))
      })
    }
  })
}
