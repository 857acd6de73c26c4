import fs from 'node:fs'
import {createRequire} from 'node:module'
import type {Page} from 'playwright-core'

// Evaluated through the browser's DevTools protocol, not added as an inline <script>: the
// site's Content-Security-Policy rightly blocks inline scripts without its nonce.
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

interface AxeViolation {
  id: string
  help: string
  nodes: {target: string[]}[]
}

/**
 * axe-core's WCAG 2.0/2.1/2.2 A and AA rules plus its best practices, on the page as it is now,
 * or only within the element `within` selects (a part of a page that is not all ours).
 */
export async function axeViolations(target: Page, within?: string): Promise<string[]> {
  await target.evaluate(AXE)
  const found = await target.evaluate(async (selector) => {
    const axe = (window as unknown as {axe: {run(context: Document | string, options: object): Promise<{violations: AxeViolation[]}>}}).axe
    const result = await axe.run(selector ?? document, {
      runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']},
    })
    return result.violations
  }, within)
  return found.map((violation) => `${violation.id} (${violation.help}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
}
