import {configFromEnv} from '../src/config'
import {ANONYMOUS, ContentLake} from '../src/lake'
import type {SanityDocument} from '../src/types'

/** Opens the data folder in this process, as the CLI's commands do; no lake may be serving it. */
async function withLake<T>(dataDir: string, work: (lake: ContentLake) => T | Promise<T>): Promise<T> {
  const lake = new ContentLake(configFromEnv({CONTENT_LAKE_DATA_DIR: dataDir, CONTENT_LAKE_HTTPS_PORT: 'off'}))
  try {
    return await work(lake)
  } finally {
    lake.close()
  }
}

/** Every document of a dataset on disk, drafts and private ones included, in `_id` order. */
/** Every document of the dataset, raw; none when the dataset does not exist. */
export function storedDocuments(dataDir: string, dataset = 'production'): Promise<SanityDocument[]> {
  return withLake(dataDir, async (lake) =>
    lake.hasDataset(dataset)
      ? ((await lake.query(dataset, {query: '*', params: {}, perspective: 'raw'}, {...ANONYMOUS, canReadPrivate: true})) as SanityDocument[])
      : [],
  )
}

export function storeDocuments(dataDir: string, documents: SanityDocument[], dataset = 'production'): Promise<void> {
  return withLake(dataDir, (lake) => {
    lake.importDocuments(dataset, documents, {mode: 'replace', systemFields: true})
  })
}
