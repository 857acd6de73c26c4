// Characters XML 1.0 forbids even when escaped (control characters other than tab, LF, CR).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's purpose
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

/** Text safe inside an XML element or a double-quoted attribute. */
export function xmlEscape(text: string): string {
  return text.replace(FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
}

/** `<name>escaped text</name>`, or nothing for a missing value. */
export function element(name: string, text: string | null | undefined, attributes = ''): string {
  if (text === null || text === undefined) return ''
  return `<${name}${attributes}>${xmlEscape(text)}</${name}>`
}
