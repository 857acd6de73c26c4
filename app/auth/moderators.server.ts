import {z} from 'zod'
import {MODERATOR_KINDS, type ReaderIdentity} from '../../contract/identity'
import {readModeratorEntries} from '~/sanity/site-settings.server'
import {getReaderIdentity} from './social-login.server'

/**
 * Who may moderate comments on the site itself: the people Site settings names, each by an
 * account at a log-in provider or by an email address. An address matches only when the
 * provider verified it (the session's identity holds no other kind).
 */
const Moderator = z.object({
  kind: z.enum(MODERATOR_KINDS),
  accountId: z.string().trim().optional().nullable(),
  email: z.string().trim().optional().nullable(),
  /** The author profile this moderator writes posts as, if any (Site settings: "Writes posts as"). */
  author: z.string().optional().nullable(),
})

export type ModeratorEntry = z.infer<typeof Moderator>

export function isModerator(identity: ReaderIdentity | null | undefined, moderators: ModeratorEntry[]): boolean {
  if (!identity) return false
  return moderators.some((moderator) =>
    moderator.kind === 'email'
      ? Boolean(identity.email && moderator.email && identity.email.toLowerCase() === moderator.email.toLowerCase())
      : moderator.kind === identity.provider && moderator.accountId === identity.accountId,
  )
}

/**
 * The author profiles (ids) the reader writes posts as: those named by the moderator entries
 * that recognise them. Their comments on those authors' posts are the post author's.
 */
export function authorProfilesOf(identity: ReaderIdentity | null | undefined, moderators: ModeratorEntry[]): string[] {
  if (!identity) return []
  return [...new Set(moderators.flatMap((moderator) => (moderator.author && isModerator(identity, [moderator]) ? [moderator.author] : [])))]
}

/** The moderators named in Site settings; entries Studio would flag as incomplete are skipped. */
export async function getModerators(): Promise<ModeratorEntry[]> {
  const entries = await readModeratorEntries()
  if (!Array.isArray(entries)) return []
  return entries.flatMap((entry) => {
    const parsed = Moderator.safeParse(entry)
    return parsed.success ? [parsed.data] : []
  })
}

/** Who the reader making this request is, if they are logged in as one of the site's moderators. */
export async function moderatorIdentity(request: Request): Promise<ReaderIdentity | null> {
  const identity = await getReaderIdentity(request)
  return identity && isModerator(identity, await getModerators()) ? identity : null
}

/** Whether the reader making this request is logged in as one of the site's moderators. */
export async function readerIsModerator(request: Request): Promise<boolean> {
  return (await moderatorIdentity(request)) !== null
}
