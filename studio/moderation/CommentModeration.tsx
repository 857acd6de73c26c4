import {Badge, Box, Button, Card, Checkbox, Dialog, Flex, Heading, Stack, Text} from '@sanity/ui'
import {type KeyboardEvent, useEffect, useReducer, useRef, useState} from 'react'
import {useClient, useCurrentUser} from 'sanity'
import {IntentLink} from 'sanity/router'
import {DOCUMENT_TYPES} from '../../contract/documents'
import {COMMENT_STATUS_OPTIONS} from '../schemaTypes/commentType'
import {BULK_STEPS, type BulkStep, needsConfirmation, type Outcome, outcomeSummary, runBulk} from './bulkModeration'
import {type CommentPage, type CommentRow, commentPageQuery, NO_FILTERS, PAGE_SIZE} from './commentQuery'
import {FilterForm} from './FilterForm'
import {allSelected, emptySelection, keyForSelection, selectedInOrder, selectionReducer} from './selection'
import {isStaff} from './staff'

const API = {apiVersion: '2025-02-19'}

const STATUS_TITLES = new Map<string, string>(COMMENT_STATUS_OPTIONS.map(({value, title}) => [value, title]))

interface Run {
  step: BulkStep
  total: number
  outcomes: Outcome[]
  finished: boolean
}

const excerpt = (text: string | undefined, length: number) => {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim()
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat || '(empty comment)'
}

function RowDetails({row, staff}: {row: CommentRow; staff: boolean}) {
  return (
    <Stack gap={2} flex={1}>
      <Text size={1}>{excerpt(row.body, 240)}</Text>
      <Text size={1} muted>
        {[
          row.authorName,
          staff ? row.email : undefined,
          row.postTitle && `on “${row.postTitle}”`,
          row.submittedAt && new Date(row.submittedAt).toLocaleString(),
          row.spamReason,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
    </Stack>
  )
}

/**
 * Studio › Moderation: find comments by anything a moderator remembers about them, choose many
 * (mouse or keyboard) and decide them at once. Decisions go through bulkModeration.ts, one
 * transaction per comment, exactly as the comment's own buttons write them.
 */
export function CommentModeration() {
  const client = useClient(API)
  const user = useCurrentUser()
  const staff = isStaff(user)
  const [filters, setFilters] = useState(NO_FILTERS)
  const [page, setPage] = useState(0)
  const [reloads, setReloads] = useState(0)
  const [result, setResult] = useState<CommentPage | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [selection, dispatch] = useReducer(selectionReducer, emptySelection())
  const [run, setRun] = useState<Run | null>(null)
  const [confirming, setConfirming] = useState<BulkStep | null>(null)
  const checkboxes = useRef<(HTMLInputElement | null)[]>([])

  // biome-ignore lint/correctness/useExhaustiveDependencies: `reloads` asks for the same page again after a run
  useEffect(() => {
    const {query, params} = commentPageQuery(filters, {staff, page})
    const request = client.observable.fetch<CommentPage>(query, params, {perspective: 'published', tag: 'moderation.list'}).subscribe({
      next: (found) => {
        // The last page emptied by a run: show the one before it.
        if (found.rows.length === 0 && page > 0) return setPage(page - 1)
        setLoadError(null)
        setResult(found)
        dispatch({type: 'view', ids: found.rows.map((row) => row._id)})
      },
      error: (error: unknown) => setLoadError(error instanceof Error ? error.message : String(error)),
    })
    return () => request.unsubscribe()
  }, [client, filters, page, staff, reloads])

  const rows = result?.rows ?? []
  const chosen = selectedInOrder(selection)
  const running = run !== null && !run.finished

  const onKeyDown = (event: KeyboardEvent) => {
    const action = keyForSelection(event, selection.current)
    if (!action) return
    // Space would also toggle the checkbox itself; the reducer does it once.
    event.preventDefault()
    const next = selectionReducer(selection, action)
    dispatch(action)
    checkboxes.current[next.current]?.focus()
  }

  const start = async (step: BulkStep) => {
    setConfirming(null)
    if (!user) return
    const ids = chosen
    setRun({step, total: ids.length, outcomes: [], finished: false})
    const outcomes = await runBulk({
      client,
      ids,
      step,
      who: {kind: 'studio', userId: user.id, ...(user.name ? {name: user.name} : {})},
      onOutcome: (outcome) => setRun((current) => current && {...current, outcomes: [...current.outcomes, outcome]}),
    })
    setRun({step, total: ids.length, outcomes, finished: true})
    // What failed stays chosen, to run again.
    dispatch({type: 'select', ids: outcomes.filter((outcome) => outcome.kind === 'failed').map((outcome) => outcome.id)})
    setReloads((count) => count + 1)
  }

  const choose = (step: BulkStep) => (needsConfirmation(step, chosen.length) ? setConfirming(step) : void start(step))

  const firstShown = page * PAGE_SIZE
  const authorOf = new Map(rows.map((row) => [row._id, row.authorName ?? 'someone']))

  return (
    <Card id="comment-moderation" height="fill" overflow="auto" padding={4}>
      <Stack gap={4}>
        <Heading as="h1" size={2}>
          Moderate comments
        </Heading>
        <FilterForm
          staff={staff}
          applied={filters}
          onApply={(next) => {
            setFilters(next)
            setPage(0)
          }}
        />
        {staff ? (
          <Flex gap={2} wrap="wrap" align="center" role="group" aria-label="Decide the chosen comments">
            {BULK_STEPS.map((step) => (
              <Button
                key={step.name}
                icon={step.icon}
                // The default tone: caution's yellow on white is too faint to read (WCAG 1.4.3).
                mode="ghost"
                text={`${step.label} (${chosen.length})`}
                disabled={running || chosen.length === 0}
                onClick={() => choose(step)}
              />
            ))}
          </Flex>
        ) : null}
        <Box role="status">
          {run ? (
            <Stack gap={2}>
              <Text size={1} weight="medium">
                {run.finished
                  ? `Done: ${outcomeSummary(run.step, run.outcomes)}.`
                  : `${run.step.doing} ${run.outcomes.length} of ${run.total}… (${outcomeSummary(run.step, run.outcomes)})`}
              </Text>
              {run.finished ? (
                <Box as="ul" paddingLeft={4}>
                  {run.outcomes
                    .filter((outcome) => outcome.kind !== 'changed')
                    .map((outcome) => (
                      <li key={outcome.id}>
                        <Text size={1}>
                          {outcome.kind === 'failed' ? 'Not done' : 'Skipped'}: the comment by {authorOf.get(outcome.id) ?? outcome.id}. {outcome.reason}
                        </Text>
                      </li>
                    ))}
                </Box>
              ) : null}
            </Stack>
          ) : null}
        </Box>
        {loadError ? (
          <Card tone="critical" padding={3} role="alert">
            <Text size={1}>Could not read the comments: {loadError}</Text>
          </Card>
        ) : null}
        <Flex gap={3} align="center" wrap="wrap">
          <Flex gap={2} align="center">
            <Checkbox
              id="moderation-all"
              checked={allSelected(selection)}
              indeterminate={chosen.length > 0 && !allSelected(selection)}
              disabled={rows.length === 0}
              onChange={() => dispatch({type: 'select', ids: allSelected(selection) ? [] : selection.ids})}
            />
            <Text as="label" htmlFor="moderation-all" size={1}>
              Choose all {rows.length} on this page
            </Text>
          </Flex>
          <Text size={1} muted>
            {result === null
              ? 'Loading…'
              : result.total === 0
                ? 'No comments match.'
                : `Comments ${firstShown + 1}–${firstShown + rows.length} of ${result.total}, newest first.`}
          </Text>
          <Button mode="ghost" text="Newer" disabled={page === 0} onClick={() => setPage(page - 1)} />
          <Button mode="ghost" text="Older" disabled={!result || firstShown + rows.length >= result.total} onClick={() => setPage(page + 1)} />
        </Flex>
        <Text size={1} muted id="moderation-keys">
          Keys on a comment: ↓/↑ or j/k move, x or Space chooses, Shift with any of them chooses a range.
        </Text>
        <Stack as="ul" gap={1} aria-label="Comments" style={{listStyle: 'none', margin: 0, padding: 0}}>
          {rows.map((row, index) => (
            <Card key={row._id} as="li" padding={3} radius={2} border tone={selection.selected.has(row._id) ? 'primary' : 'default'}>
              <Flex gap={3} align="flex-start">
                <Checkbox
                  ref={(element) => {
                    checkboxes.current[index] = element
                  }}
                  aria-label={`Choose the comment by ${row.authorName ?? 'someone'}: ${excerpt(row.body, 60)}`}
                  aria-describedby="moderation-keys"
                  checked={selection.selected.has(row._id)}
                  tabIndex={index === selection.current ? 0 : -1}
                  onFocus={() => index !== selection.current && dispatch({type: 'focus', index})}
                  onKeyDown={onKeyDown}
                  // React reports a checkbox's change from its click, so Shift is on the event.
                  onChange={(event) => dispatch({type: 'toggle', index, range: (event.nativeEvent as Partial<MouseEvent>).shiftKey === true})}
                />
                <RowDetails row={row} staff={staff} />
                <Flex gap={2} align="center">
                  {row.reportCount ? <Badge tone="caution">Reported {row.reportCount}×</Badge> : null}
                  <Badge>{STATUS_TITLES.get(row.status ?? 'pending')}</Badge>
                  <IntentLink
                    intent="edit"
                    params={{id: row._id, type: DOCUMENT_TYPES.comment}}
                    aria-label={`Open the comment by ${row.authorName ?? 'someone'}`}
                  >
                    <Text size={1}>Open</Text>
                  </IntentLink>
                </Flex>
              </Flex>
            </Card>
          ))}
        </Stack>
      </Stack>
      {confirming ? (
        <Dialog
          id="moderation-confirm"
          header={`${confirming.label}: ${chosen.length} comments?`}
          onClose={() => setConfirming(null)}
          footer={
            <Flex gap={2} justify="flex-end" padding={3}>
              <Button mode="ghost" text="Cancel" onClick={() => setConfirming(null)} />
              <Button tone={confirming.tone ?? 'primary'} text={`${confirming.label} ${chosen.length} comments`} onClick={() => void start(confirming)} />
            </Flex>
          }
        >
          <Box padding={4}>
            <Text>
              {confirming.name === 'markCommentSpam'
                ? `Each of the ${chosen.length} comments is taken off the site if it was there, and reported to Akismet as spam.`
                : `Each of the ${chosen.length} comments is taken off the site if it was there, and moved to the trash.`}
            </Text>
          </Box>
        </Dialog>
      ) : null}
    </Card>
  )
}
