import fs from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'

// Sanity's build writes the addresses of a few things on Sanity's own hosts into the Studio's
// files, with no setting to change them: the Inter web fonts (static cuts in index.html, the
// variable font in @sanity/ui's stylesheet), the dashboard's bridge script (index.html) and the
// module CDN's version check (the bundle). The lake serves the same fonts itself, from the
// `inter-ui` package (Inter by Rasmus Andersson, SIL Open Font License 1.1), answers the version
// check itself, and rewrites those addresses as it sends the files, so Studio looks as it does
// on sanity.io, without the browser asking another machine or logging a refusal.

/** Where the lake serves the fonts: beside the Studio's own static files. */
const FONT_PATH = '/static/inter/'

const INTER_DIR = path.dirname(createRequire(import.meta.url).resolve('inter-ui/package.json'))

// The served name → its file. Sanity's static cuts carry the package's own names (`web/`); its
// variable font is the Latin subset, as the package's `variable-latin/` one is.
const FONT_FILES = new Map<string, string>(
  ['web', 'variable-latin'].flatMap((folder) =>
    fs
      .readdirSync(path.join(INTER_DIR, folder))
      .filter((name) => name.endsWith('.woff2'))
      .map((name): [string, string] => [name, path.join(INTER_DIR, folder, name)]),
  ),
)

/** The font file a request path names, or undefined when it names none. */
export function fontFile(pathname: string): string | undefined {
  if (!pathname.startsWith(FONT_PATH)) return undefined
  return FONT_FILES.get(pathname.slice(FONT_PATH.length))
}

const STATIC_CUT = /https:\/\/studio-static\.sanity\.io\/(Inter-[A-Za-z]+\.woff2)/g
const VARIABLE = /https:\/\/design-system-static\.sanity\.io\/InterVariable(-Italic)?-latin-\d+\.woff2/g
// Sanity's module CDN, which the bundle asks for the newest `sanity` release: made relative to
// the page, it is the lake's own `/v1/modules/…` (routes/studio-checks.ts).
const MODULE_CDN = /https:\/\/sanity-cdn\.com(?=`\}\/v1\/modules|\/v1\/modules)/g
// The help menu's feedback tunnel (Sanity's intake in front of Sentry): made relative to the page,
// it is the lake's own `/vX/intake/feedback` (routes/studio-checks.ts).
const FEEDBACK_TUNNEL = /https:\/\/api\.sanity\.io(?=\/vX\/intake\/feedback)/g
// Only Sanity's dashboard (which embeds a Studio in a frame) answers the bridge; a Studio on its
// own page loads it and never uses it. The bundle loads it by itself when it finds itself framed.
const BRIDGE_SCRIPT = /<script src="https:\/\/core\.sanity-cdn\.com\/bridge\.js"[^>]*><\/script>/g

/**
 * A Studio page, stylesheet or script with Sanity's font addresses pointing at the lake's copies and the
 * bridge script left out. A font the package lacks keeps its address (the page's policy refuses it).
 */
export function localizeHostedAssets(text: string): string {
  return text
    .replace(STATIC_CUT, (address, name: string) => (FONT_FILES.has(name) ? `${FONT_PATH}${name}` : address))
    .replace(VARIABLE, (_address, italic = '') => `${FONT_PATH}InterVariable${italic}-subset.woff2`)
    .replace(BRIDGE_SCRIPT, '')
    .replace(MODULE_CDN, '')
    .replace(FEEDBACK_TUNNEL, '')
}
