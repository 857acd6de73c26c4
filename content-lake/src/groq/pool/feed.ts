import type {SanityDocument} from '../../types'

/**
 * What the lake's writer tells every query worker after each commit, on one BroadcastChannel:
 * the dataset (by its SQLite file), the commit's position in its log, and each changed
 * document as it now is (null: deleted). Workers know what it was before.
 */
export interface CommittedChanges {
  file: string
  seq: number
  documents: {id: string; after: SanityDocument | null}[]
}
