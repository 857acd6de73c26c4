import {isValidDatasetName} from '../store/datasets'

/** A command line the CLI cannot run as given; the CLI prints its message alone. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** Runs node's `parseArgs`, turning its complaints (unknown option, missing value) into a UsageError. */
export function parseCommandLine<T>(parse: () => T): T {
  try {
    return parse()
  } catch (error) {
    if (String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS_')) {
      throw new UsageError((error as Error).message)
    }
    throw error
  }
}

/** `--dataset`, checked by Sanity's rule for dataset names. */
export function datasetOption(value: string | undefined): string {
  const dataset = value ?? 'production'
  if (!isValidDatasetName(dataset)) {
    throw new UsageError(`"${dataset}" is not a dataset name: lower-case letters, digits, "_" and "-", up to 64 characters`)
  }
  return dataset
}
