/**
 * One email as plain text and as simple, accessible HTML from the same parts, so both say
 * the same thing. Everything is escaped: names and comment text come from readers.
 */
export interface MailParts {
  /** Also the HTML document's title and its one heading. */
  heading: string
  paragraphs: string[]
  /** Links shown as buttons in HTML and as "Label: URL" lines in text. */
  actions?: {label: string; url: string}[]
  /** A quoted excerpt (e.g. a held comment), shown as a block quote. */
  quote?: string
  /** Small print at the end: why this email came, how to stop it. */
  footer?: {text: string; links?: {label: string; url: string}[]}
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

export function composeMail(parts: MailParts): {text: string; html: string} {
  const actions = parts.actions ?? []
  const text = [
    parts.heading,
    '',
    ...parts.paragraphs.flatMap((paragraph) => [paragraph, '']),
    ...(parts.quote ? [parts.quote.replace(/^/gm, '> '), ''] : []),
    ...actions.flatMap((action) => [`${action.label}: ${action.url}`, '']),
    ...(parts.footer ? ['--', parts.footer.text, ...(parts.footer.links ?? []).map((link) => `${link.label}: ${link.url}`)] : []),
  ]
    .join('\n')
    .trimEnd()

  const link = (action: {label: string; url: string}, style: string) => `<a href="${escapeHtml(action.url)}" style="${style}">${escapeHtml(action.label)}</a>`
  // Inline styles only: most mail programs drop <style>. Colours meet WCAG AA contrast.
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(parts.heading)}</title></head>
<body style="margin:0;padding:24px;background:#ffffff;color:#1f2933;font:16px/1.5 Georgia,serif">
<main style="max-width:36em">
<h1 style="font-size:1.4em;margin:0 0 16px">${escapeHtml(parts.heading)}</h1>
${parts.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n')}
${parts.quote ? `<blockquote style="margin:16px 0;padding:8px 16px;border-left:4px solid #52606d;white-space:pre-wrap">${escapeHtml(parts.quote)}</blockquote>` : ''}
${actions.length ? `<p>${actions.map((action) => link(action, 'display:inline-block;margin:4px 8px 4px 0;padding:8px 16px;background:#1d4e89;color:#ffffff;text-decoration:underline;border-radius:4px')).join(' ')}</p>` : ''}
${parts.footer ? `<hr><p style="font-size:0.9em;color:#3e4c59">${escapeHtml(parts.footer.text)}${(parts.footer.links ?? []).map((footerLink) => ` ${link(footerLink, 'color:#1d4e89')}`).join('')}</p>` : ''}
</main>
</body>
</html>
`
  return {text, html}
}
