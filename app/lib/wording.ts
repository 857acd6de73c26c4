/**
 * Small rules that keep emails reading as written by a careful person (issue #19): a title is
 * put in quotation marks once, and a sentence ends with one full stop. Titles and hold reasons
 * come from writers and checks that may already have quoted or punctuated them.
 */

// Straight, curly, low-9, and guillemet quotation marks, single and double.
const QUOTE_MARKS = '"\'“”„‟‘’‚‛«»‹›'
const TERMINAL = /[.!?…](?:["'“”‘’»›)\]]*)$/u

/** `title` in curly quotation marks, unless it already begins or ends with a quotation mark of any kind. */
export function quoted(title: string): string {
  const trimmed = title.trim()
  if (trimmed === '') return trimmed
  if (QUOTE_MARKS.includes(trimmed[0]!) || QUOTE_MARKS.includes(trimmed.at(-1)!)) return trimmed
  return `“${trimmed}”`
}

/** `text` as a sentence: ended with a full stop unless it already ends with one, a question or exclamation mark, or an ellipsis. */
export function sentence(text: string): string {
  const trimmed = text.trim()
  if (trimmed === '' || TERMINAL.test(trimmed)) return trimmed
  return `${trimmed}.`
}
