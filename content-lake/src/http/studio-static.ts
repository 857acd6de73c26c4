import fs from 'node:fs'
import type {IncomingMessage, ServerResponse} from 'node:http'
import path from 'node:path'
import {pipeline} from 'node:stream/promises'
import {ROUTES} from './routes'
import {fontFile, localizeHostedAssets} from './studio-hosted-assets'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

// The Studio build names its bundles `<name>-<8-character content hash>.<ext>`: such a name never
// changes content, so browsers may keep it for good. Anything else (index.html above all, which
// names the current bundles) is revalidated on every use.
const HASHED = /-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/
const IMMUTABLE = 'public, max-age=31536000, immutable'

/**
 * The Studio page may reach only the lake. Sanity's build and bundle name a few hosted helpers
 * that no setting switches off: the dashboard bridge script and the Inter web fonts (which the lake
 * rewrites to its own copies, see studio-hosted-assets.ts), a version check against Sanity's CDN and
 * a feedback-availability probe (both rewritten to the lake's own answers). With this policy the
 * browser refuses whatever is left itself, so nothing leaves the machine even when it is online.
 * Inline script and style are Sanity's own (its error handler, import map, styled-components).
 *
 * Besides the page's own origin, requests may go to the lake under its project hostname
 * (`https://<projectId>.<host>`, which the lake's certificate covers): the App SDK embedded in
 * Studio builds its clients with `useProjectHostname` and takes no client factory from the
 * Studio's configuration, so its calls (`/users/me`, `/intake/telemetry-status`) go there.
 */
export function studioContentSecurityPolicy(projectHost: string | undefined): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    projectHost ? `connect-src 'self' https://${projectHost}` : "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'self'",
  ].join('; ')
}

// A host header fit to be named in the policy: a DNS name with an optional port (an IP address or
// anything else gets no project hostname, since `<projectId>.<address>` names nothing).
const NAMED_HOST = /^(?=[^:]*[a-z])[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::\d{1,5})?$/

/** The lake's project hostname as the page's browser reaches it, or undefined when it has none. */
export function projectHostFor(req: IncomingMessage, projectId: string): string | undefined {
  const host = req.headers[':authority'] ?? req.headers.host
  if (typeof host !== 'string') return undefined
  const lower = host.toLowerCase()
  if (!NAMED_HOST.test(lower) || lower.startsWith(`${projectId}.`)) return undefined
  return `${projectId}.${lower}`
}

// Paths the API owns even where no route matches (an unknown endpoint must stay a JSON 404).
const API_PREFIX = /^\/(?:v(?:1|X|\d{4}-\d{2}-\d{2})(?:\/|$)|images\/|files\/)/

function isApiPath(pathname: string): boolean {
  return API_PREFIX.test(pathname) || ROUTES.some((definition) => definition.pattern.test(pathname))
}

/** The file a path names inside `dir`, or undefined for anything outside it or hidden (dotfiles). */
function fileFor(dir: string, pathname: string): string | undefined {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return undefined
  }
  const relative = path.normalize(decoded).replace(/^[/\\]+/, '')
  if (relative.split(/[/\\]/).some((segment) => segment.startsWith('.'))) return undefined
  return path.join(dir, relative || 'index.html')
}

async function isFile(file: string): Promise<fs.Stats | undefined> {
  const stats = await fs.promises.stat(file).catch(() => undefined)
  return stats?.isFile() ? stats : undefined
}

// The kinds of file that name Sanity's hosts (see studio-hosted-assets.ts).
const REWRITTEN = new Set(['.html', '.css', '.js'])
// A font's name says nothing of its version: a day, then the browser asks again.
const FONT_CACHE = 'public, max-age=86400'

// Each file is rewritten once per version of it (the main bundle is megabytes): the rewritten
// bytes, or none when the file names no hosted address. At most one entry per file of the build.
const rewrites = new Map<string, {stamp: string; body: Buffer | undefined}>()

async function rewrittenBody(file: string, stats: fs.Stats): Promise<Buffer | undefined> {
  const stamp = `${stats.size}-${stats.mtimeMs}`
  const cached = rewrites.get(file)
  if (cached?.stamp === stamp) return cached.body
  const text = await fs.promises.readFile(file, 'utf8')
  const localized = localizeHostedAssets(text)
  const body = localized === text ? undefined : Buffer.from(localized)
  rewrites.set(file, {stamp, body})
  return body
}

interface Sent {
  file: string
  stats: fs.Stats
  cacheControl: string
}

async function send(req: IncomingMessage, res: ServerResponse, {file, stats, cacheControl}: Sent, projectId: string): Promise<void> {
  const extension = path.extname(file).toLowerCase()
  const rewritten = REWRITTEN.has(extension)
  const etag = `W/"${stats.size.toString(16)}-${stats.mtimeMs.toString(16)}${rewritten ? '-local' : ''}"`
  const headers = {
    etag,
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
    // The policy applies to the documents that run the Studio; other files need none.
    ...(extension === '.html' ? {'content-security-policy': studioContentSecurityPolicy(projectHostFor(req, projectId))} : {}),
  }
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers)
    res.end()
    return
  }
  const body = rewritten ? await rewrittenBody(file, stats) : undefined
  res.writeHead(200, {
    ...headers,
    'content-type': CONTENT_TYPES[extension] ?? 'application/octet-stream',
    'content-length': body?.length ?? stats.size,
  })
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  if (body) {
    res.end(body)
    return
  }
  await pipeline(fs.createReadStream(file), res).catch((error: NodeJS.ErrnoException) => {
    // A browser that goes away mid-download is no server error.
    if (error.code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error
  })
}

function cacheControlFor(file: string): string {
  return HASHED.test(path.basename(file)) ? IMMUTABLE : 'no-cache'
}

/**
 * Serves a built Studio from `dir` at `/`, below the API: it answers only GET and HEAD requests
 * for paths the API does not own, so every endpoint keeps priority. Studio routes in the
 * browser (`/structure/post;…`), so an unknown path asked for as a page gets index.html.
 * Resolves false when the request is not the Studio's, for the API to answer.
 */
export function studioStatic(dir: string, projectId: string): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false
    const {pathname} = new URL(req.url ?? '/', 'https://content-lake.local')
    if (isApiPath(pathname)) return false
    const font = fontFile(pathname)
    const fontStats = font === undefined ? undefined : await isFile(font)
    if (font && fontStats) {
      await send(req, res, {file: font, stats: fontStats, cacheControl: FONT_CACHE}, projectId)
      return true
    }
    const file = fileFor(dir, pathname)
    if (file === undefined) return false
    const found = await isFile(file)
    if (found) {
      await send(req, res, {file, stats: found, cacheControl: cacheControlFor(file)}, projectId)
      return true
    }
    if (!req.headers.accept?.includes('text/html')) return false
    const index = path.join(dir, 'index.html')
    const indexStats = await isFile(index)
    if (!indexStats) return false
    await send(req, res, {file: index, stats: indexStats, cacheControl: cacheControlFor(index)}, projectId)
    return true
  }
}
