import http from 'node:http'
import type {AddressInfo} from 'node:net'
import {simpleParser} from 'mailparser'
import {SMTPServer} from 'smtp-server'
import {inboxPage, messagePage, notFoundPage} from './inbox-page'
import {type CaughtMessage, MessageStore} from './message-store'

/**
 * A local mail catcher: a real SMTP server that accepts every message (any credentials, no
 * TLS) and keeps it instead of delivering it, and a web side to read what arrived:
 *   GET    /api/messages[?to=address]   the messages, in arrival order (JSON)
 *   GET    /api/messages/:id            one message
 *   DELETE /api/messages                forget them all
 *   GET    /                            an inbox page; /messages/:id reads one
 */

export interface MailCatcherOptions {
  smtpPort?: number
  webPort?: number
  host?: string
  /** A JSON file to keep messages in across restarts. */
  file?: string
}

export interface MailCatcher {
  /** The web side, e.g. http://127.0.0.1:3025 */
  url: string
  /** What to give a sender as SMTP_URL, e.g. smtp://127.0.0.1:2525 */
  smtpUrl: string
  store: MessageStore
  close(): Promise<void>
}

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024

function smtpServer(store: MessageStore): SMTPServer {
  return new SMTPServer({
    // Senders configured with credentials (smtp://user:pass@…) work too; all are accepted.
    authOptional: true,
    allowInsecureAuth: true,
    // No certificate to offer: senders then speak plain SMTP on loopback.
    disabledCommands: ['STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    banner: 'Life in Balance mail catcher',
    onAuth(auth, _session, callback) {
      callback(null, {user: auth.username ?? 'sender'})
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          store.add({
            from: parsed.from?.text ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : ''),
            to: session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase()),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            listUnsubscribe: headerValue(parsed.headerLines, 'list-unsubscribe'),
            listUnsubscribePost: headerValue(parsed.headerLines, 'list-unsubscribe-post'),
            date: new Date().toISOString(),
          })
          callback()
        })
        .catch((error: Error) => callback(error))
    },
  })
}

/** A header's value as written (unfolded), or '' when the message has none. */
function headerValue(lines: readonly {key: string; line: string}[], key: string): string {
  const line = lines.find((header) => header.key === key)?.line ?? ''
  return line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim()
}

function send(response: http.ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    // Emails hold one-click links: the pages must not be framed or leak them onwards.
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; frame-ancestors 'none'",
  })
  response.end(body)
}

function json(response: http.ServerResponse, status: number, value: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value))
}

function webHandler(store: MessageStore) {
  return (request: http.IncomingMessage, response: http.ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://catcher')
    const api = /^\/api\/messages(?:\/([^/]+))?\/?$/.exec(url.pathname)
    const page = /^\/messages\/([^/]+)$/.exec(url.pathname)
    const method = request.method ?? 'GET'
    if (api && !api[1] && method === 'GET') {
      const to = url.searchParams.get('to')?.toLowerCase()
      const messages: CaughtMessage[] = store.list().filter((message) => !to || message.to.includes(to))
      return json(response, 200, messages)
    }
    if (api && !api[1] && method === 'DELETE') {
      store.clear()
      response.writeHead(204).end()
      return
    }
    if (api?.[1] && method === 'GET') {
      const message = store.get(decodeURIComponent(api[1]))
      return message ? json(response, 200, message) : json(response, 404, {error: 'No such message'})
    }
    if (url.pathname === '/' && method === 'GET') return send(response, 200, 'text/html; charset=utf-8', inboxPage(store.list()))
    if (page && method === 'GET') {
      const message = store.get(decodeURIComponent(page[1]!))
      return message ? send(response, 200, 'text/html; charset=utf-8', messagePage(message)) : send(response, 404, 'text/html; charset=utf-8', notFoundPage())
    }
    if (api || url.pathname === '/' || page) {
      response.writeHead(405, {Allow: api && !api[1] ? 'GET, DELETE' : 'GET'}).end()
      return
    }
    send(response, 404, 'text/html; charset=utf-8', notFoundPage())
  }
}

function listen(
  server: {listen(port: number, host: string, callback: () => void): unknown; once(event: 'error', listener: (error: Error) => void): unknown},
  port: number,
  host: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, resolve)
  })
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host
}

export async function startMailCatcher({smtpPort = 0, webPort = 0, host = '127.0.0.1', file}: MailCatcherOptions = {}): Promise<MailCatcher> {
  const store = new MessageStore(file)
  const smtp = smtpServer(store)
  await listen(smtp, smtpPort, host)
  const web = http.createServer(webHandler(store))
  try {
    await listen(web, webPort, host)
  } catch (error) {
    await new Promise<void>((resolve) => smtp.close(() => resolve()))
    throw error
  }
  const smtpAddress = smtp.server.address() as AddressInfo
  const webAddress = web.address() as AddressInfo
  return {
    url: `http://${urlHost(host)}:${webAddress.port}`,
    smtpUrl: `smtp://${urlHost(host)}:${smtpAddress.port}`,
    store,
    close: async () => {
      web.closeAllConnections()
      await Promise.all([new Promise<void>((resolve) => web.close(() => resolve())), new Promise<void>((resolve) => smtp.close(() => resolve()))])
    },
  }
}
