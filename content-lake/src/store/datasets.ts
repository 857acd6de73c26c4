import path from 'node:path'
import type {SyncLevel} from '../config'
import {lockDataDir} from './data-dir-lock'
import {Dataset} from './dataset'

// Sanity's rule for dataset names.
const DATASET_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/

export function isValidDatasetName(name: string): boolean {
  return DATASET_NAME.test(name)
}

/** Opens datasets on first use: a dataset exists as soon as something reads or writes it. */
export class Datasets {
  private readonly open = new Map<string, Dataset>()
  private readonly unlock: () => void

  constructor(
    private readonly dataDir: string,
    private readonly sync: SyncLevel,
    /** Told about each dataset as it is opened, before anything reads or writes it. */
    private readonly onOpen: (dataset: Dataset) => void = () => {},
  ) {
    this.unlock = lockDataDir(dataDir)
  }

  get(name: string): Dataset {
    if (!isValidDatasetName(name)) throw new Error(`Invalid dataset name "${name}"`)
    let dataset = this.open.get(name)
    if (!dataset) {
      dataset = new Dataset(name, path.join(this.dataDir, `${name}.sqlite`), this.sync)
      this.open.set(name, dataset)
      this.onOpen(dataset)
    }
    return dataset
  }

  close(): void {
    for (const dataset of this.open.values()) dataset.close()
    this.open.clear()
    this.unlock()
  }
}
