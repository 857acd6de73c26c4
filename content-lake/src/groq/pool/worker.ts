import {BroadcastChannel, workerData} from 'node:worker_threads'
import {runQuery} from '../engine'
import {parseQuery} from '../parse'
import type {CommittedChanges} from './feed'
import {Replica} from './replica'
import {describeError, type ParseTask, type QueryOutcome, type QueryTask} from './task'
import {lowerThisThreadsPriority} from '../../cpu-priority'

/**
 * A query worker thread: parses, plans and evaluates GROQ over its own replicas of the
 * datasets, so that a slow query blocks this thread (which the pool can terminate), never the
 * lake's event loop.
 */

lowerThisThreadsPriority()

const replicas = new Map<string, Replica>()

// Listening before any replica loads: a commit announced during a load is then either in the
// file already or still to come on the channel.
const feed = new BroadcastChannel((workerData as {channel: string}).channel)
feed.unref()
feed.onmessage = (message) => {
  const changes = (message as {data: CommittedChanges}).data
  replicas.get(changes.file)?.apply(changes)
}

function replica(file: string): Replica {
  let found = replicas.get(file)
  if (!found) {
    found = new Replica(file)
    replicas.set(file, found)
  }
  return found
}

export default async function runTask(task: QueryTask): Promise<QueryOutcome> {
  const source = replica(task.file)
  await source.caughtUp(task.seq)
  try {
    const result = await runQuery({
      query: task.query,
      params: task.params,
      view: source.memory.view(task.perspective, task.canReadPrivate),
      ...(task.identity ? {identity: task.identity} : {}),
      planner: task.planner,
      limits: task.limits,
    })
    return {result}
  } catch (error) {
    return describeError(error)
  }
}

/** A listener's query, parsed here since parsing alone can take seconds; the lake evaluates the tree per write. */
export async function parseTask({query, params, limits}: ParseTask): Promise<QueryOutcome> {
  try {
    return {result: parseQuery(query, params, limits)}
  } catch (error) {
    return describeError(error)
  }
}
