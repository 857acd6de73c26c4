// Piscina loads this plain module in each worker thread; tsx compiles the TypeScript worker
// from here, whether or not the thread that started the pool runs under tsx.
import {tsImport} from 'tsx/esm/api'

const worker = await tsImport('./worker.ts', import.meta.url)

export default worker.default
export const parseTask = worker.parseTask
