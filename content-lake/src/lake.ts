import type {Logger} from 'pino'
import {createLogger} from './http/request-log'
import {configFromEnv, type LakeConfig} from './config'
import {runQuery} from './groq/engine'
import {checkQuerySize} from './groq/limits'
import type {Lane} from './groq/pool/admission'
import {QueryPool} from './groq/pool/query-pool'
import {eventsFor, type ListenOptions, type MutationEvent} from './listen/events'
import {compileFilter} from './listen/filter'
import {isPrivateId, isValidDocumentId, randomId} from './ids'
import {translateActions} from './actions/translate'
import {MutationError} from './mutations/errors'
import {stageTransaction, type MutationResult} from './mutations/transaction'
import {arrayView, type Perspective} from './perspective'
import type {Role} from './roles'
import {Datasets} from './store/datasets'
import type {Dataset} from './store/dataset'
import type {HistoryReader} from './store/history'
import {HistoryRetention} from './store/history-retention'
import type {SanityDocument, Transaction} from './types'
import {LiveTokens} from './live-tokens'
import {usersFile} from './users'
import {WebhookDispatcher} from './webhooks/dispatcher'

/** Who is asking, as far as the lake is concerned. */
export interface Access {
  /** The token's user id (`p-local-<name>`); null without a token. */
  identity: string | null
  /** The token's role; null without a token. `canWrite` and `canReadPrivate` follow from it. */
  role: Role | null
  canWrite: boolean
  /** Drafts, versions and other documents whose id has a dot. */
  canReadPrivate: boolean
}

export const ANONYMOUS: Access = {identity: null, role: null, canWrite: false, canReadPrivate: false}

export interface QueryRequest {
  query: string
  params: Record<string, unknown>
  perspective: Perspective
}

export interface MutateRequest {
  mutations: unknown
  transactionId?: string
  dryRun: boolean
  autoGenerateArrayKeys: boolean
}

export interface ActionsRequest {
  actions: unknown
  transactionId?: string
  dryRun: boolean
}

export interface MutateResponse {
  transactionId: string
  results: MutationResult[]
}

export type OmittedReason = 'existence' | 'permissions'

/** Like `sanity dataset import`: fail on existing ids, replace them, or skip them. */
export type ImportMode = 'create' | 'replace' | 'missing'

function requireWriteAccess(access: Access, count: number, errorType: 'mutationError' | 'actionError'): void {
  if (access.canWrite) return
  throw new MutationError(
    403,
    Array.from({length: count}, (_, index) => ({
      index,
      error: {type: 'insufficientPermissionsError', description: 'Insufficient permissions; a token with write access is required'},
    })),
    errorType === 'actionError' ? 'The action(s) failed' : 'The mutation(s) failed',
    errorType,
  )
}

/** Second precision, as the hosted API writes `_createdAt` and `_updatedAt`. */
function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
}

function idsOf(result: unknown): string[] {
  const items = Array.isArray(result) ? result : [result]
  return items.flatMap((item) =>
    item !== null && typeof item === 'object' && typeof (item as SanityDocument)._id === 'string' ? [(item as SanityDocument)._id] : [],
  )
}

/** Anonymous callers never hold every query worker: the site's server and Studio have tokens. */
function laneOf(access: Access): Lane {
  return access.role === null ? 'public' : 'trusted'
}

/** A group of writes normally commits in milliseconds; one still going after this is stuck. */
const STUCK_WRITER_MS = 30_000

/** The Content Lake's operations, independent of HTTP. */
export class ContentLake {
  private readonly datasets: Datasets
  private readonly webhooks: WebhookDispatcher
  private readonly queries: QueryPool
  private readonly retention: HistoryRetention
  private closing = false
  /** Request and error lines (see http/request-log.ts). */
  readonly log: Logger
  /** Every token accepted now: the settings' and the Studio users' (users.ts), who come and go without a restart. */
  readonly tokens: LiveTokens

  constructor(readonly config: LakeConfig = configFromEnv()) {
    this.log = createLogger(config.logFormat)
    this.tokens = new LiveTokens(config.tokens, usersFile(config.dataDir))
    this.webhooks = new WebhookDispatcher(config.webhooks, config.projectId)
    this.queries = new QueryPool(config.queries)
    this.datasets = new Datasets(config.dataDir, config.sync, (dataset) => {
      this.webhooks.watch(dataset)
      this.queries.watch(dataset)
    })
    this.retention = new HistoryRetention(() => this.datasets.filePaths(), config.deletedHistoryDays)
    this.retention.start()
    // Deliveries an earlier run still owes go out now, not when the dataset is next used.
    for (const name of this.datasets.names()) if (this.webhooks.watches(name)) this.datasets.get(name)
  }

  /**
   * Runs a GROQ query in a worker thread, within the query limits. Anonymous callers never
   * hold every worker: a token holder (the site, Studio) always finds one.
   */
  async query(dataset: string, request: QueryRequest, access: Access): Promise<unknown> {
    // Before the query is copied to a worker and waits for one.
    checkQuerySize(request.query, this.config.queries)
    return this.queries.run(
      {
        file: this.datasets.get(dataset).filePath,
        query: request.query,
        params: request.params,
        perspective: request.perspective,
        canReadPrivate: access.canReadPrivate,
        ...(access.identity ? {identity: access.identity} : {}),
        planner: this.config.planner,
        limits: this.config.queries,
      },
      laneOf(access),
    )
  }

  getDocuments(dataset: string, ids: string[], access: Access): {documents: SanityDocument[]; omitted: {id: string; reason: OmittedReason}[]} {
    const store = this.datasets.get(dataset)
    const documents: SanityDocument[] = []
    const omitted: {id: string; reason: OmittedReason}[] = []
    for (const id of ids) {
      const document = store.get(id)
      if (!access.canReadPrivate && isPrivateId(id)) omitted.push({id, reason: 'permissions'})
      else if (document) documents.push(document)
      else omitted.push({id, reason: 'existence'})
    }
    return {documents, omitted}
  }

  async mutate(dataset: string, request: MutateRequest, access: Access): Promise<MutateResponse> {
    requireWriteAccess(access, Array.isArray(request.mutations) ? request.mutations.length : 1, 'mutationError')
    const store = this.datasets.create(dataset)
    return store.write(async () => {
      const staged = await this.stage(store, request.mutations, request, access)
      return {transaction: request.dryRun ? null : staged.transaction, result: {transactionId: staged.transactionId, results: staged.results}}
    })
  }

  /**
   * Runs Sanity's document actions (create, edit, publish, unpublish, discard, delete,
   * replaceDraft) as one transaction; the request's transactionId becomes the revision.
   */
  async act(dataset: string, request: ActionsRequest, access: Access): Promise<{transactionId: string}> {
    requireWriteAccess(access, Array.isArray(request.actions) ? request.actions.length : 1, 'actionError')
    const store = this.datasets.create(dataset)
    return store.write(async () => {
      const {mutations, actionIndexes} = translateActions(request.actions, (id) => store.get(id))
      try {
        const staged = await this.stage(store, mutations, {...request, autoGenerateArrayKeys: false}, access)
        return {transaction: request.dryRun ? null : staged.transaction, result: {transactionId: staged.transactionId}}
      } catch (error) {
        if (!(error instanceof MutationError)) throw error
        // Report positions in the actions the caller sent, not in the mutations they became.
        const items = error.items.map((item) => ({...item, index: actionIndexes[item.index] ?? 0}))
        throw new MutationError(error.status, items, 'The action(s) failed', 'actionError')
      }
    })
  }

  private async stage(
    store: Dataset,
    mutations: unknown,
    options: {transactionId?: string; autoGenerateArrayKeys: boolean},
    access: Access,
  ): Promise<{transactionId: string; results: MutationResult[]; transaction: Transaction | null}> {
    const transactionId = options.transactionId ?? randomId()
    if (options.transactionId !== undefined && store.hasTransaction(transactionId)) {
      throw MutationError.single(409, 0, 'conflictError', `Transaction ID "${transactionId}" has already been used in this dataset`)
    }
    const timestamp = now()
    const {results, changes} = await stageTransaction(store, mutations, {
      transactionId,
      timestamp,
      autoGenerateArrayKeys: options.autoGenerateArrayKeys,
      // Writers' patch and delete queries, over the transaction's staged documents: on this thread.
      selectIds: async (query, params, documents) => idsOf(await runQuery({query, params, view: arrayView(documents), limits: this.config.queries})),
    })
    const transaction =
      changes.length === 0 ? null : {id: transactionId, timestamp, identity: access.identity ?? '', mutations: mutations as unknown[], changes}
    return {transactionId, results, transaction}
  }

  /**
   * Writes whole documents in one transaction, bypassing the mutation API: the path for
   * imports. With `systemFields: false` documents are stored exactly as given (no `_rev`,
   * `_createdAt` or `_updatedAt`), which conformance datasets need.
   */
  importDocuments(
    dataset: string,
    documents: readonly SanityDocument[],
    {mode, systemFields}: {mode: ImportMode; systemFields: boolean},
  ): {written: number; skipped: number} {
    const store = this.datasets.create(dataset)
    const transactionId = randomId()
    const timestamp = now()
    const staged = new Map<string, SanityDocument>()
    let skipped = 0
    for (const document of documents) {
      if (!isValidDocumentId(document._id) || typeof document._type !== 'string') {
        throw new Error(`Cannot import a document without a valid _id and _type: ${JSON.stringify(document).slice(0, 200)}`)
      }
      const existing = staged.get(document._id) ?? store.get(document._id)
      if (existing && mode === 'missing') {
        skipped++
        continue
      }
      if (existing && mode === 'create') {
        throw new Error(`Document by ID "${document._id}" already exists`)
      }
      staged.set(
        document._id,
        systemFields
          ? {
              ...document,
              _createdAt: document._createdAt ?? existing?._createdAt ?? timestamp,
              _updatedAt: document._updatedAt ?? timestamp,
              _rev: transactionId,
            }
          : document,
      )
    }
    if (staged.size > 0) {
      store.commit({
        id: transactionId,
        timestamp,
        identity: 'import',
        mutations: [],
        changes: [...staged.values()].map((after) => ({id: after._id, before: store.get(after._id) ?? null, after})),
      })
    }
    return {written: staged.size, skipped}
  }

  /**
   * Whether the dataset exists. Only writes (mutate, act, importDocuments) and `createDataset`
   * create one; every read of a dataset that does not exist is a DatasetNotFoundError.
   */
  hasDataset(dataset: string): boolean {
    return this.datasets.has(dataset)
  }

  /** Creates an empty dataset, unless it exists; true when it was created. */
  createDataset(dataset: string): boolean {
    const existed = this.datasets.has(dataset)
    this.datasets.create(dataset)
    return !existed
  }

  /** A dataset's transaction log and document revisions. */
  history(dataset: string): HistoryReader {
    return this.datasets.get(dataset).history
  }

  /**
   * Calls `send` with the mutation events of every later transaction that the filter (the
   * query's top-level filter) selects. Events keep commit order. Resolves, once the query is
   * parsed (in a query worker: parsing alone can take seconds), to the unsubscribe function.
   */
  async listen(
    dataset: string,
    {query, params, ...options}: {query: string; params: Record<string, unknown>} & Omit<ListenOptions, 'canReadPrivate'>,
    access: Access,
    send: (event: MutationEvent) => void,
  ): Promise<() => void> {
    const tree = await this.queries.parse({query, params, limits: this.config.queries}, laneOf(access))
    const matches = compileFilter(tree, query, params)
    const settings: ListenOptions = {...options, canReadPrivate: access.canReadPrivate}
    let queue = Promise.resolve()
    return this.datasets.get(dataset).subscribe((transaction) => {
      queue = queue
        .then(async () => {
          for (const event of await eventsFor(transaction, matches, settings)) send(event)
        })
        .catch((error: unknown) => console.error('A listener failed to evaluate its filter', error))
    })
  }

  /**
   * Why the lake should not be sent traffic now, or null when it is ready: it is shutting down,
   * a dataset's writer has been stuck on one group of writes, or no query worker is alive.
   */
  unreadyReason(): string | null {
    if (this.closing) return 'shutting down'
    for (const dataset of this.datasets.openDatasets()) {
      if (dataset.writerBusyMs() > STUCK_WRITER_MS) return `the writer of dataset "${dataset.name}" is stuck`
    }
    if (this.queries.liveWorkers() === 0) return 'no query worker is alive'
    return null
  }

  /** Readiness says no from now on, while in-flight requests finish. */
  beginShutdown(): void {
    this.closing = true
  }

  /**
   * Graceful shutdown's share for webhooks: no new attempts, and those in flight get until
   * `budgetMs` to be answered. Undelivered ones stay in the datasets' files for the next start.
   */
  finishWebhookDeliveries(budgetMs: number): Promise<void> {
    return this.webhooks.finish(budgetMs)
  }

  close(): void {
    this.closing = true
    void this.retention.close()
    this.webhooks.close()
    void this.queries.close()
    this.datasets.close()
  }
}
