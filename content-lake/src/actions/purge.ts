import {type Json, fail} from './context'

/**
 * `purge: true` asks the hosted lake to erase a document's history with it. This lake keeps
 * history by its retention setting only, so it refuses rather than pretend (Studio never asks).
 */
export function refusePurge(action: Json, index: number): void {
  if (action.purge === true) {
    throw fail(400, index, 'validationError', '"purge" is not supported by this lake: history is kept or dropped by its retention setting')
  }
}
