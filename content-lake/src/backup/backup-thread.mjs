// The lake's scheduled backups run in a worker thread started from this plain module; tsx
// compiles the TypeScript from here, whether or not the lake's own thread runs under tsx.
import {tsImport} from 'tsx/esm/api'

await tsImport('./backup-thread.ts', import.meta.url)
