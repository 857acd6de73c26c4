import {parentPort, workerData} from 'node:worker_threads'
import {lowerThisThreadsPriority} from '../cpu-priority'
import {takeBackup, type BackupOptions} from './take-backup'

// Snapshots and checksums take CPU and block the thread for a while: not the lake's thread,
// and at the priority of the lake's other costly work.
lowerThisThreadsPriority()
parentPort!.postMessage(await takeBackup(workerData as BackupOptions))
