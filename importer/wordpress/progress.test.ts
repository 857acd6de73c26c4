import {expect, test} from 'vitest'
import {progressBar} from './progress'

function fakeStream(isTTY: boolean) {
  const written: string[] = []
  return {stream: {isTTY, write: (text: string) => written.push(text)} as unknown as NodeJS.WriteStream, written}
}

test('on a terminal, one line redrawn as the file is read', () => {
  const {stream, written} = fakeStream(true)
  const bar = progressBar(200, stream)
  bar.update('Importing', 100)
  bar.update('Importing', 100)
  bar.update('Importing', 200)
  bar.finish()
  expect(written).toEqual([`\rImporting  [${'#'.repeat(15)}${'-'.repeat(15)}] 50%`, `\rImporting  [${'#'.repeat(30)}] 100%`, '\n'])
})

test('not a terminal (a pipe, a log, CI): no progress output at all', () => {
  const {stream, written} = fakeStream(false)
  const bar = progressBar(200, stream)
  bar.update('Importing', 100)
  bar.finish()
  expect(written).toEqual([])
})
