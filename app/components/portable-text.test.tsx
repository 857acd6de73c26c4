import {renderToStaticMarkup} from 'react-dom/server'
import {expect, test} from 'vitest'
import {PostBody} from './portable-text'

/** A paragraph whose only words link to `href`, as Studio stores a link annotation. */
function linkedParagraph(href: unknown) {
  return [
    {
      _type: 'block',
      _key: 'p1',
      style: 'normal',
      markDefs: [{_type: 'link', _key: 'l1', href}],
      children: [{_type: 'span', _key: 's1', text: 'the words', marks: ['l1']}],
    },
  ]
}

const render = (href: unknown) => renderToStaticMarkup(<PostBody value={linkedParagraph(href)} />)

test.each(['javascript:alert(1)', 'JaVaScRiPt:alert(1)', '\u0001 javascript:alert(1)', 'data:text/html,x', 'vbscript:x', '//evil.example', 42])(
  'a stored link to %j renders as plain text',
  (href) => {
    const html = render(href)
    expect(html).toBe('<p>the words</p>')
  },
)

test('web links keep their anchor (opened without access to this page); email and phone links too', () => {
  expect(render('https://www.goodtherapy.org/x')).toBe('<p><a href="https://www.goodtherapy.org/x" rel="noopener noreferrer">the words</a></p>')
  expect(render(' http://a.example ')).toBe('<p><a href="http://a.example/" rel="noopener noreferrer">the words</a></p>')
  expect(render('mailto:office@example.com')).toBe('<p><a href="mailto:office@example.com">the words</a></p>')
  expect(render('tel:+14015550123')).toBe('<p><a href="tel:+14015550123">the words</a></p>')
})
