/** A problem with an import or export that the user can fix; the CLI prints its message alone. */
export class TransferError extends Error {
  override name = 'TransferError'
}
