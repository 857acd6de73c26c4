import {createView, type Perspective, type QueryView, type ViewSource} from '../perspective'
import type {DocumentChange, SanityDocument} from '../types'
import {DocumentIndexes} from './indexes'

const BULK_CHANGES = 1_000

/**
 * A dataset's documents in memory, as GROQ reads them (groq-js evaluates over arrays): the
 * documents by id, their indexes and the perspective views built on them. The lake's writer
 * keeps one; each query worker keeps a replica of its own.
 */
export class DocumentMemory implements ViewSource {
  private readonly documents = new Map<string, SanityDocument>()
  private indexed: DocumentIndexes
  private views = new Map<string, QueryView>()

  constructor(documents: Iterable<SanityDocument>) {
    for (const doc of documents) this.documents.set(doc._id, doc)
    this.indexed = new DocumentIndexes(this.documents.values())
  }

  get(id: string): SanityDocument | undefined {
    return this.documents.get(id)
  }

  get indexes(): DocumentIndexes {
    return this.indexed
  }

  /** The documents a perspective shows a caller; reused until the next change. */
  view(perspective: Perspective, canReadPrivate: boolean): QueryView {
    const key = `${perspective}:${canReadPrivate}`
    let view = this.views.get(key)
    if (!view) {
      view = createView(this, perspective, canReadPrivate)
      this.views.set(key, view)
    }
    return view
  }

  apply(changes: readonly DocumentChange[]): void {
    for (const change of changes) {
      if (change.after) this.documents.set(change.id, change.after)
      else this.documents.delete(change.id)
    }
    // Indexes are updated change by change (each a splice into sorted lists); for a big
    // import, one rebuild is far cheaper than thousands of splices.
    if (changes.length > BULK_CHANGES) this.rebuildIndexes()
    else for (const change of changes) this.indexed.apply(change)
    this.views = new Map()
  }

  /** Undoes `apply(changes)`, the last changes applied. */
  revert(changes: readonly DocumentChange[]): void {
    for (const change of [...changes].reverse()) {
      if (change.before) this.documents.set(change.id, change.before)
      else this.documents.delete(change.id)
    }
    this.rebuildIndexes()
    this.views = new Map()
  }

  private rebuildIndexes(): void {
    this.indexed.close()
    this.indexed = new DocumentIndexes(this.documents.values())
  }
}
