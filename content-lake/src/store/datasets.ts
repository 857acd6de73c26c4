import fs from 'node:fs'
import path from 'node:path'
import {lockDataDir} from './data-dir-lock'
import {Dataset} from './dataset'
import type {SyncLevel} from './sqlite'

// Sanity's rule for dataset names.
const DATASET_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/

export function isValidDatasetName(name: string): boolean {
  return DATASET_NAME.test(name)
}

/** Every dataset in a data folder, by its SQLite file. */
export function datasetFiles(dataDir: string): {name: string; file: string}[] {
  return fs
    .readdirSync(dataDir)
    .filter((entry) => entry.endsWith('.sqlite') && isValidDatasetName(entry.slice(0, -'.sqlite'.length)))
    .map((entry) => ({name: entry.slice(0, -'.sqlite'.length), file: path.join(dataDir, entry)}))
}

/** Asked for a dataset that was never created. */
export class DatasetNotFoundError extends Error {
  override name = 'DatasetNotFoundError'

  constructor(readonly dataset: string) {
    super(`Dataset "${dataset}" not found`)
  }
}

/**
 * The data folder's datasets, each opened on first use. Only `create` brings a new one into
 * being: reading a name that does not exist must cost nothing (no file, no descriptor).
 */
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

  private file(name: string): string {
    return path.join(this.dataDir, `${name}.sqlite`)
  }

  /** The names of every dataset in the data folder, opened or not. */
  names(): string[] {
    return datasetFiles(this.dataDir).map(({name}) => name)
  }

  /** The files of every dataset in the data folder, opened or not. */
  filePaths(): string[] {
    return datasetFiles(this.dataDir).map(({file}) => file)
  }

  has(name: string): boolean {
    return isValidDatasetName(name) && (this.open.has(name) || fs.existsSync(this.file(name)))
  }

  /** An existing dataset; a DatasetNotFoundError if there is none by that name. */
  get(name: string): Dataset {
    if (!this.has(name)) throw new DatasetNotFoundError(name)
    return this.opened(name)
  }

  /** The dataset by that name, created (empty) if there is none yet. */
  create(name: string): Dataset {
    if (!isValidDatasetName(name)) throw new Error(`Invalid dataset name "${name}"`)
    return this.opened(name)
  }

  private opened(name: string): Dataset {
    let dataset = this.open.get(name)
    if (!dataset) {
      dataset = new Dataset(name, this.file(name), this.sync)
      this.open.set(name, dataset)
      this.onOpen(dataset)
    }
    return dataset
  }

  /** The datasets opened so far. */
  openDatasets(): Iterable<Dataset> {
    return this.open.values()
  }

  close(): void {
    for (const dataset of this.open.values()) dataset.close()
    this.open.clear()
    this.unlock()
  }
}
