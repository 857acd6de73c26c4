import type {CaughtMessage} from './message-store'

/** The catcher's web pages: a list of messages and one message, every value escaped. */

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

/** Plain text with its web addresses made into links (emailed links are what people follow). */
function linkedText(text: string): string {
  return text
    .split(/(https?:\/\/[^\s<>"']+)/g)
    .map((part, index) => (index % 2 === 1 ? `<a href="${escapeHtml(part)}">${escapeHtml(part)}</a>` : escapeHtml(part)))
    .join('')
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;color:#1f2933;background:#fff;max-width:60em;margin:0 auto;padding:1em}
a{color:#1d4e89}a:focus-visible,button:focus-visible{outline:3px solid #1d4e89;outline-offset:2px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4em .6em;border-bottom:1px solid #cbd2d9;vertical-align:top}
pre{white-space:pre-wrap;word-break:break-word;background:#f5f7fa;padding:1em}
iframe{width:100%;min-height:24em;border:1px solid #cbd2d9}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dt{font-weight:600}dd{margin:0}
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`
}

export function inboxPage(messages: CaughtMessage[]): string {
  const newestFirst = [...messages].reverse()
  const rows = newestFirst
    .map(
      (message) => `<tr>
<td><a href="/messages/${encodeURIComponent(message.id)}">${escapeHtml(message.subject || '(no subject)')}</a></td>
<td>${escapeHtml(message.to.join(', '))}</td>
<td>${escapeHtml(message.from)}</td>
<td><time datetime="${escapeHtml(message.date)}">${escapeHtml(message.date.replace('T', ' ').slice(0, 19))}</time></td>
</tr>`,
    )
    .join('\n')
  return page(
    `Mail catcher (${messages.length})`,
    `<h1>Emails the site sent</h1>
<p>Nothing here left this machine: a local stand-in for an SMTP server caught it. Newest first.</p>
${
  messages.length === 0
    ? '<p>No emails yet.</p>'
    : `<table>
<caption class="visually-hidden">Caught emails</caption>
<thead><tr><th scope="col">Subject</th><th scope="col">To</th><th scope="col">From</th><th scope="col">Received (UTC)</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
}`,
  )
}

export function messagePage(message: CaughtMessage): string {
  return page(
    message.subject || '(no subject)',
    `<p><a href="/">All emails</a></p>
<h1>${escapeHtml(message.subject || '(no subject)')}</h1>
<dl>
<dt>From</dt><dd>${escapeHtml(message.from)}</dd>
<dt>To</dt><dd>${escapeHtml(message.to.join(', '))}</dd>
<dt>Received</dt><dd><time datetime="${escapeHtml(message.date)}">${escapeHtml(message.date)}</time></dd>
</dl>
<h2>Text</h2>
<pre>${linkedText(message.text)}</pre>
${
  message.html
    ? `<h2>HTML</h2>
<!-- Sandboxed without scripts: the email's HTML is shown as a mail program would, and can't run. -->
<iframe title="The email's HTML version" sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="${escapeHtml(message.html)}"></iframe>`
    : ''
}`,
  )
}

export function notFoundPage(): string {
  return page('Not found', '<h1>No such email</h1><p><a href="/">All emails</a></p>')
}
