import type {SanityClient} from '@sanity/client'
import {z} from 'zod'
import {MAX_STORED_REPORTS, MAX_THREAD_DEPTH, MODERATION_DEFAULTS, MODERATION_MODES} from '../../contract/comments'
import {DEFAULT_TIME_ZONE, SITE_SETTINGS_ID} from '../../contract/documents'
import {
  APPOINTMENT_LABEL_DEFAULT,
  CARE_MESSAGE_DEFAULT,
  CRISIS_LINK_SCHEMES,
  CRISIS_NOTICE_DEFAULTS,
  type CrisisResource,
  NOT_ADVICE_DEFAULT,
} from '../../contract/reader-notices'
import {safeLinkHref} from '~/lib/safe-link'
import {queryPublished} from './client.server'

/**
 * The Site settings document: the one owner of reading it. Other owners' queries that need a
 * setting beside their own documents (the time zone for a post's address, say) add one of the
 * fields below rather than spelling out where settings live.
 */
const SETTINGS = `*[_id == "${SITE_SETTINGS_ID}"][0]`
export const TIME_ZONE_FIELD = `"timeZone": ${SETTINGS}.timeZone`
export const BLOG_TITLE_FIELD = `"blogTitle": ${SETTINGS}.title`
export const MODERATION_FIELD = `"moderation": ${SETTINGS}.moderation`

/** Text an editor may leave empty: the default wording then stands in. */
const textOr = (fallback: string) =>
  z
    .string()
    .nullish()
    .transform((text) => text?.trim() || fallback)

const optionalText = z
  .string()
  .nullish()
  .transform((text) => text?.trim() || null)

/** Lines without text are dropped, links that neither call, text nor open a web page are too. */
const CrisisResources = z
  .array(z.object({text: z.string().nullish(), link: z.string().nullish()}).nullable())
  .nullish()
  .transform((resources) => {
    const shown = (resources ?? []).flatMap((resource): CrisisResource[] => {
      const text = resource?.text?.trim()
      if (!text) return []
      const link = safeLinkHref(resource?.link, CRISIS_LINK_SCHEMES)
      return [{text, ...(link ? {link} : {})}]
    })
    return shown.length > 0 ? shown : CRISIS_NOTICE_DEFAULTS.resources
  })

const CrisisNoticeFields = z.object({
  heading: textOr(CRISIS_NOTICE_DEFAULTS.heading),
  resources: CrisisResources,
  note: textOr(CRISIS_NOTICE_DEFAULTS.note),
  careMessage: textOr(CARE_MESSAGE_DEFAULT),
})

export const SiteSettings = z.object({
  title: z.string().default('Blog'),
  tagline: z.string().nullish(),
  practiceName: z.string().nullish(),
  practiceLocation: z.string().nullish(),
  practiceAddress: optionalText,
  /** How a reader reaches the practice privately (the comment form points there). */
  practicePhone: optionalText,
  practiceWebsite: z.string().nullish(),
  appointmentUrl: z
    .string()
    .nullish()
    .transform((url) => safeLinkHref(url)),
  appointmentLabel: textOr(APPOINTMENT_LABEL_DEFAULT),
  crisisNotice: CrisisNoticeFields.nullish().transform((notice) => notice ?? CrisisNoticeFields.parse({})),
  notAdviceNotice: textOr(NOT_ADVICE_DEFAULT),
  timeZone: z.string().default(DEFAULT_TIME_ZONE),
})
export type SiteSettings = z.infer<typeof SiteSettings>

export const TimeZone = z
  .string()
  .nullish()
  .transform((zone) => zone ?? DEFAULT_TIME_ZONE)

const ModerationFields = z.object({
  mode: z
    .enum(MODERATION_MODES)
    .nullish()
    .transform((mode) => mode ?? MODERATION_DEFAULTS.mode),
  holdIfLinksAtLeast: z
    .number()
    .int()
    .nullish()
    .transform((count) => count ?? MODERATION_DEFAULTS.holdIfLinksAtLeast),
  holdWords: z
    .array(z.string())
    .nullish()
    .transform((words) => words ?? []),
  trashWords: z
    .array(z.string())
    .nullish()
    .transform((words) => words ?? []),
  closeCommentsAfterDays: z
    .number()
    .int()
    .nullish()
    .transform((days) => days ?? MODERATION_DEFAULTS.closeCommentsAfterDays),
  threadDepth: z
    .number()
    .int()
    .min(1)
    .max(MAX_THREAD_DEPTH)
    .nullish()
    .transform((depth) => depth ?? MODERATION_DEFAULTS.threadDepth),
  holdAfterReports: z
    .number()
    .int()
    .min(1)
    .max(MAX_STORED_REPORTS)
    .nullish()
    .catch(null)
    .transform((count) => count ?? MODERATION_DEFAULTS.holdAfterReports),
})
/** Site settings › Comment moderation; settings an editor never saved are the schema's initial values. */
export const ModerationSettings = ModerationFields.nullish().transform((settings) => settings ?? ModerationFields.parse({}))

export async function getSiteSettings(): Promise<SiteSettings> {
  const settings = await queryPublished(
    `${SETTINGS}{title, tagline, practiceName, practiceLocation, practiceAddress, practicePhone, practiceWebsite, appointmentUrl, appointmentLabel, crisisNotice, notAdviceNotice, timeZone}`,
  )
  return SiteSettings.parse(settings ?? {})
}

/** Site settings › Comment moderation › Moderators on the site, unchecked (the caller keeps the complete ones). */
export async function readModeratorEntries(): Promise<unknown> {
  return queryPublished(`${SETTINGS}.moderation.moderators[]{kind, accountId, email, "author": author._ref}`)
}

/** The moderators' addresses from Site settings › Comment moderation, without repeats. */
export async function readModeratorEmails(client: SanityClient): Promise<string[]> {
  const emails = await client.fetch<unknown>(`${SETTINGS}.moderation.notifyEmails`)
  const list = z.array(z.string()).nullish().parse(emails) ?? []
  return [...new Set(list.map((email) => email.trim()).filter(Boolean))]
}
