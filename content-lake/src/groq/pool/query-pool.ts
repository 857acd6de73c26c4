import {randomUUID} from 'node:crypto'
import {BroadcastChannel} from 'node:worker_threads'
import type {ExprNode} from 'groq-js'
import {Piscina} from 'piscina'
import type {Dataset} from '../../store/dataset'
import {QueryLimitError} from '../limits'
import {Admission, type Lane} from './admission'
import type {CommittedChanges} from './feed'
import {resultOf, type ParseTask, type QueryOutcome, type QueryTask} from './task'

export interface QueryPoolSettings {
  /** Worker threads, each with its own replica of the datasets it has queried. */
  workers: number
  /** Queries that may wait for a worker. */
  maxWaiting: number
  /** From arrival to answer, waiting included; past it the query is stopped. */
  timeoutMs: number
}

/**
 * Runs queries in worker threads (piscina), each within a time budget: a query still running
 * when its budget is spent is stopped by terminating its worker, which piscina replaces. The
 * writer's commits reach every worker on a BroadcastChannel; each query carries the last commit
 * the writer had announced, so a caller reads its own acknowledged writes.
 */
export class QueryPool {
  private pool: Piscina | undefined
  private readonly channelName = `content-lake-commits-${randomUUID()}`
  private readonly feed = new BroadcastChannel(this.channelName)
  /** By dataset file: the last commit announced. */
  private readonly announced = new Map<string, number>()
  private readonly admission: Admission

  constructor(private readonly settings: QueryPoolSettings) {
    this.feed.unref()
    this.admission = new Admission({slots: settings.workers, maxWaiting: settings.maxWaiting})
  }

  /** Follows a dataset's commits from now on; call it before anything writes to the dataset. */
  watch(dataset: Dataset): void {
    dataset.subscribe((transaction) => {
      this.announced.set(dataset.filePath, transaction.seq)
      // No worker yet: the first one loads the dataset from its file, commits included.
      if (!this.pool) return
      const message: CommittedChanges = {
        file: dataset.filePath,
        seq: transaction.seq,
        documents: transaction.changes.map(({id, after}) => ({id, after})),
      }
      this.feed.postMessage(message)
    })
  }

  /** Evaluates a query over the dataset as of the last commit announced. */
  run(task: Omit<QueryTask, 'seq'>, lane: Lane): Promise<unknown> {
    const seq = this.announced.get(task.file) ?? 0
    return this.within(lane, (pool, signal) => pool.run({...task, seq}, {signal}))
  }

  /** Parses a query (a listener's) into its syntax tree, within the same limits and budget. */
  parse(task: ParseTask, lane: Lane): Promise<ExprNode> {
    return this.within(lane, (pool, signal) => pool.run(task, {signal, name: 'parseTask'})) as Promise<ExprNode>
  }

  private async within(lane: Lane, work: (pool: Piscina, signal: AbortSignal) => Promise<QueryOutcome>): Promise<unknown> {
    const budget = AbortSignal.timeout(this.settings.timeoutMs)
    const arrived = performance.now()
    return this.admission.run(lane, budget, async () => {
      try {
        return resultOf(await work(this.started(), budget))
      } catch (error) {
        if (!budget.aborted) throw error
        const waited = Math.round(performance.now() - arrived)
        // 422, not 5xx: the query is too costly for the lake, and clients must not retry it.
        throw new QueryLimitError(
          422,
          'queryTimeoutError',
          `The query did not finish within the lake's time budget of ${this.settings.timeoutMs} ms and was stopped (${waited} ms after it arrived)`,
        )
      }
    })
  }

  private started(): Piscina {
    this.pool ??= new Piscina({
      filename: new URL('./worker-entry.mjs', import.meta.url).href,
      minThreads: this.settings.workers,
      maxThreads: this.settings.workers,
      // Workers keep replicas: one that idles should not have to reload them.
      idleTimeout: Number.POSITIVE_INFINITY,
      // Between queries a worker's event loop keeps running (piscina's default blocks it): its
      // text index is built then, in steps (store/text-index.ts), and commits are applied as they come.
      atomics: 'async',
      workerData: {channel: this.channelName},
    })
    return this.pool
  }

  /** Worker threads alive now (starting the pool, as the first query would). */
  liveWorkers(): number {
    return this.started().threads.filter((worker) => worker.threadId !== -1).length
  }

  async close(): Promise<void> {
    this.feed.close()
    await this.pool?.destroy()
  }
}
