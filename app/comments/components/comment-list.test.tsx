import {renderToStaticMarkup} from 'react-dom/server'
import {expect, test} from 'vitest'
import {AuthorName} from './comment-list'

test.each(['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' \tjavascript:alert(1)', 'data:text/html,x', 'vbscript:x', '//evil.example', 'ann.example'])(
  'a stored website %j shows the name without a link',
  (website) => {
    expect(renderToStaticMarkup(<AuthorName name="Ann" website={website} />)).toBe('Ann')
  },
)

test('an http(s) website links the name, with no credit or access given to it', () => {
  expect(renderToStaticMarkup(<AuthorName name="Eve" website="https://eve.example/" />)).toBe(
    '<a class="comment-author-link" href="https://eve.example/" rel="external nofollow ugc noopener noreferrer">Eve</a>',
  )
  expect(renderToStaticMarkup(<AuthorName name="Eve" website="http://eve.example" />)).toContain('href="http://eve.example/"')
  expect(renderToStaticMarkup(<AuthorName name="Ann" />)).toBe('Ann')
})
