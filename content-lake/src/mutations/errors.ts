export interface MutationErrorItem {
  index: number
  error: {type: string; description: string; id?: string; [detail: string]: unknown}
}

/** A rejected transaction, in the shape of Sanity's `mutationError` (or, for actions, `actionError`) body. */
export class MutationError extends Error {
  override name = 'MutationError'
  constructor(
    readonly status: number,
    readonly items: MutationErrorItem[],
    description = 'The mutation(s) failed',
    readonly errorType: 'mutationError' | 'actionError' = 'mutationError',
  ) {
    super(description)
  }

  static single(status: number, index: number, type: string, description: string, id?: string) {
    return new MutationError(status, [{index, error: {type, description, ...(id ? {id} : {})}}])
  }
}
