import fs from 'node:fs'
import path from 'node:path'
import {commentIdOfRecord, commentRecordId} from '../../contract/documents'
import type {WriteLedger} from './honest'
import {type FetchOptions, timedFetch} from './requests'

/** What became of the honest writes, checked in the lake with the administrator's token. */
export interface WriteCheck {
  acknowledged: number
  /** Acknowledged by the lake, yet not in it. */
  acknowledgedMissing: string[]
  commentsAccepted: number
  /** Accepted by the site (it sent the reader to the comment), yet not in the lake. */
  commentsMissing: string[]
  commentsRefused: number
  /** Refused without giving the reader their text back: lost to them. */
  refusedWithoutText: number
  commentsUnanswered: number
  writesUnanswered: number
  /** Why the lake could not be asked, if it could not. */
  error?: string
}

async function missingFromLake(ids: string[], lake: {url: string; dataset: string; token: string}, options: FetchOptions): Promise<string[]> {
  if (ids.length === 0) return []
  const outcome = await timedFetch(
    `${lake.url}/v2025-02-19/data/query/${lake.dataset}?perspective=raw`,
    {
      method: 'POST',
      headers: {authorization: `Bearer ${lake.token}`, 'content-type': 'application/json'},
      body: JSON.stringify({query: '*[_id in $ids]._id', params: {ids}}),
    },
    {...options, keepText: true},
  )
  if (outcome.status !== 200) {
    throw new Error(`the lake answered the check with ${outcome.status ?? `${outcome.failure}${outcome.error ? ` (${outcome.error})` : ''}`}`)
  }
  const found = new Set((JSON.parse(outcome.text!) as {result: string[]}).result)
  return ids.filter((id) => !found.has(id))
}

export async function checkWrites(ledger: WriteLedger, lake: {url: string; dataset: string; token: string}, options: FetchOptions): Promise<WriteCheck> {
  const check: WriteCheck = {
    acknowledged: ledger.acknowledged.length,
    acknowledgedMissing: [],
    commentsAccepted: ledger.commentsAccepted.length,
    commentsMissing: [],
    commentsRefused: ledger.commentsRefused.length,
    refusedWithoutText: ledger.commentsRefused.filter((refusal) => !refusal.textReturned).length,
    commentsUnanswered: ledger.commentsUnanswered,
    writesUnanswered: ledger.writesUnanswered,
  }
  try {
    check.acknowledgedMissing = await missingFromLake(ledger.acknowledged, lake, options)
    // The site sends the reader to the comment's anchor, its public id; what it stored is the
    // comment's private record (decision 0200), there whatever the comment's status.
    check.commentsMissing = (await missingFromLake(ledger.commentsAccepted.map(commentRecordId), lake, options)).map(commentIdOfRecord)
  } catch (error) {
    check.error = error instanceof Error ? error.message : String(error)
  }
  return check
}

/** The lake's datasets on disk (one SQLite file each): anonymous reads must not add any. */
export function datasetCount(lakeDataDir: string): number {
  if (!fs.existsSync(lakeDataDir)) return 0
  return (fs.readdirSync(lakeDataDir, {recursive: true}) as string[]).filter((file) => path.extname(file) === '.sqlite').length
}
