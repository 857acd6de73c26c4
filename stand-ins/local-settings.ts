import {z} from 'zod'

/**
 * The settings of a stand-in's process. A stand-in answers anyone who asks, so it refuses to
 * run for a site readers can reach: the site's own NODE_ENV and SITE_URL tell (a production
 * build whose address is not loopback, as the site itself decides in app/env.server.ts).
 */

const SiteSettings = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  SITE_URL: z.url({protocol: /^https?$/}).default('http://localhost:3000'),
})

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * The stand-in's own settings, with every bad one named; throws `refusal` (given the site's
 * address) for a public site.
 */
export function localSettings<T extends z.ZodRawShape>(
  shape: T,
  source: Record<string, string | undefined>,
  refusal: (siteUrl: string) => string,
): z.infer<z.ZodObject<T>> {
  const site = SiteSettings.safeParse(source)
  const own = z.object(shape).safeParse(source)
  const issues = [...(site.error?.issues ?? []), ...(own.error?.issues ?? [])]
  if (!site.success || !own.success) {
    const problems = issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new Error(`Invalid environment variables:\n${problems.join('\n')}`)
  }
  const {NODE_ENV, SITE_URL} = site.data
  if (NODE_ENV === 'production' && !LOOPBACK_HOSTS.has(new URL(SITE_URL).hostname)) throw new Error(refusal(SITE_URL))
  return own.data
}
