import {expect, test} from 'vitest'
import {composeMail} from './compose.server'

test('text and HTML say the same, and everything from readers is escaped in HTML', () => {
  const {text, html} = composeMail({
    heading: 'A comment by <Sam & "Jo">',
    paragraphs: ['First <b>paragraph</b>.', 'Second.'],
    quote: 'line one\n<script>alert(1)</script>',
    actions: [{label: 'Approve', url: 'https://blog.example/moderate/a.b?x="y"'}],
    footer: {text: 'Why you got this.', links: [{label: 'Stop these emails', url: 'https://blog.example/unsubscribe/c.d'}]},
  })
  expect(text).toBe(
    [
      'A comment by <Sam & "Jo">',
      '',
      'First <b>paragraph</b>.',
      '',
      'Second.',
      '',
      '> line one',
      '> <script>alert(1)</script>',
      '',
      'Approve: https://blog.example/moderate/a.b?x="y"',
      '',
      '--',
      'Why you got this.',
      'Stop these emails: https://blog.example/unsubscribe/c.d',
    ].join('\n'),
  )
  expect(html).toContain('<html lang="en">')
  expect(html).toContain('<title>A comment by &#60;Sam &#38; &#34;Jo&#34;&#62;</title>')
  expect(html).toContain('<h1 style="font-size:1.4em;margin:0 0 16px">A comment by &#60;Sam &#38; &#34;Jo&#34;&#62;</h1>')
  expect(html).toContain('<p>First &#60;b&#62;paragraph&#60;/b&#62;.</p>')
  expect(html).toContain('line one\n&#60;script&#62;alert(1)&#60;/script&#62;</blockquote>')
  expect(html).toContain('href="https://blog.example/moderate/a.b?x=&#34;y&#34;"')
  expect(html).toContain('>Stop these emails</a>')
  expect(html).not.toMatch(/<script|<b>/)
})

test('parts left out leave nothing behind', () => {
  const {text, html} = composeMail({heading: 'Hello', paragraphs: ['Only this.']})
  expect(text).toBe('Hello\n\nOnly this.')
  expect(html).not.toMatch(/<blockquote|<hr|<a /)
})
