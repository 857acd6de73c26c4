export interface SanityDocument {
  _id: string
  _type: string
  _rev?: string
  _createdAt?: string
  _updatedAt?: string
  [field: string]: unknown
}

/** What one transaction did to one document: `null` on either side means "did not exist". */
export interface DocumentChange {
  id: string
  before: SanityDocument | null
  after: SanityDocument | null
  /** Positions in the transaction's `mutations` of those that touched this document. */
  mutationIndexes?: number[]
}

export interface Transaction {
  id: string
  /** ISO-8601 time of the commit, second precision like the hosted API. */
  timestamp: string
  /** Who made the change (a token's identity). */
  identity: string
  mutations: unknown[]
  changes: DocumentChange[]
}

export interface CommittedTransaction extends Transaction {
  /** Position in the dataset's transaction log, increasing by one per commit. */
  seq: number
}
