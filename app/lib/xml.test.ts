import {expect, test} from 'vitest'
import {element, xmlEscape} from './xml'

test('escapes markup and quotes, and drops characters XML 1.0 cannot carry', () => {
  expect(xmlEscape(`<b>"Tom" & 'Jerry'</b>\u0007`)).toBe('&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt;')
  expect(xmlEscape('tab\tand\nnewline')).toBe('tab\tand\nnewline')
})

test('an element for a value, nothing for a missing one', () => {
  expect(element('title', 'A & B', ' type="text"')).toBe('<title type="text">A &amp; B</title>')
  expect(element('title', null)).toBe('')
  expect(element('title', '')).toBe('<title></title>')
})
