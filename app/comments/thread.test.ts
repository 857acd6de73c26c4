import {expect, test} from 'vitest'
import {buildThreads, countComments, pageOfComment, paginateThreads, type ShownComment, type ThreadNode} from './thread'

let clock = 0
function comment(id: string, parentId?: string): ShownComment {
  clock += 1
  return {
    id,
    ...(parentId ? {parentId} : {}),
    authorName: id,
    provider: 'guest',
    body: id,
    submittedAt: new Date(Date.UTC(2026, 0, 1, 0, clock)).toISOString(),
    awaitingModeration: false,
  }
}

function shape(nodes: ThreadNode[]): unknown[] {
  return nodes.map((node) => (node.replies.length ? {[node.comment.id]: shape(node.replies)} : node.comment.id))
}

test('replies nest under their parents, oldest first', () => {
  const a = comment('a')
  const b = comment('b')
  const a1 = comment('a1', 'a')
  const a2 = comment('a2', 'a')
  const a1x = comment('a1x', 'a1')
  expect(shape(buildThreads([a1x, b, a2, a, a1], 5))).toEqual([{a: [{a1: ['a1x']}, 'a2']}, 'b'])
})

test('replies deeper than the maximum join the deepest allowed level', () => {
  const chain = [comment('d1')]
  for (let depth = 2; depth <= 4; depth++) chain.push(comment(`d${depth}`, `d${depth - 1}`))
  const threads = buildThreads(chain, 2)
  expect(shape(threads)).toEqual([{d1: ['d2', 'd3', 'd4']}])
  expect(threads[0]!.replies.map((node) => node.depth)).toEqual([2, 2, 2])
})

test('replies to a comment that is not shown stay together under a stand-in that says it was removed', () => {
  const first = comment('first')
  const orphan = comment('orphan', 'gone')
  const second = comment('second-orphan', 'gone')
  const threads = buildThreads([second, orphan, first], 5)
  expect(shape(threads)).toEqual(['first', {gone: ['orphan', 'second-orphan']}])
  expect(threads[1]!.comment).toMatchObject({id: 'gone', removed: true, body: '', authorName: '', submittedAt: orphan.submittedAt})
  expect(threads[1]!.replies.map((node) => node.depth)).toEqual([2, 2])
})

test('without nesting, a reply to a comment that is not shown starts its own thread', () => {
  expect(shape(buildThreads([comment('orphan', 'gone')], 1))).toEqual(['orphan'])
})

test('pages hold whole threads of about the page size, and a comment is found on its page', () => {
  const comments: ShownComment[] = []
  for (let i = 0; i < 4; i++) {
    comments.push(comment(`t${i}`))
    comments.push(comment(`t${i}r`, `t${i}`))
  }
  const threads = buildThreads(comments, 5)
  expect(countComments(threads)).toBe(8)
  const first = paginateThreads(threads, 3, 1)
  expect(first.pageCount).toBe(4)
  expect(shape(first.threads)).toEqual([{t0: ['t0r']}])
  expect(paginateThreads(threads, 4, 2).threads.map((node) => node.comment.id)).toEqual(['t2', 't3'])
  expect(paginateThreads(threads, 4, 99).page).toBe(2)
  expect(pageOfComment(threads, 4, 't3r')).toBe(2)
  expect(pageOfComment(threads, 4, 't0')).toBe(1)
})
