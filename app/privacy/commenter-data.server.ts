import type {SanityClient} from '@sanity/client'
import {postPath} from '~/lib/permalink'
import {siteLink} from '~/lib/site-link.server'
import {countOwnComments, eraseComments, readOwnComments, readReplies} from '~/sanity/comments.server'
import {followerKey, readFollowUps, unfollow} from '~/sanity/follow-ups.server'
import {normaliseEmail} from './privacy-links.server'

/**
 * Everything the site keeps about one commenter (found by email address), to hand them a
 * copy or to erase it.
 *
 * Erasure: a comment with no replies is deleted (its record and public copy). A comment that
 * others replied to is anonymised instead, so the thread still makes sense: name and text
 * become "[deleted]", and website, account, email, address hash and browser go. Either way
 * nothing that identifies the commenter is left. The address's follow-up subscriptions go too.
 */

function ownComments(client: SanityClient, email: string) {
  return readOwnComments(client, normaliseEmail(email))
}

/** How many comments the site holds from this address. */
export async function countComments(client: SanityClient, email: string): Promise<number> {
  return countOwnComments(client, normaliseEmail(email))
}

/** The commenter's copy: their comments, and what is kept privately about each. */
export async function exportCommenterData(client: SanityClient, email: string, now = new Date()) {
  const [{own, timeZone}, followUps] = await Promise.all([ownComments(client, email), readFollowUps(client, normaliseEmail(email))])
  return {
    exportedAt: now.toISOString(),
    email: normaliseEmail(email),
    about:
      'Your comments on this blog and what the blog keeps about them. Your email address is never shown publicly. ' +
      'Your network (IP) address is not stored in readable form: only a keyed fingerprint that can recognise the same address again, ' +
      'and, sealed (encrypted) with a key only the site holds, the exact details sent to the Akismet spam filter, kept so a ' +
      'moderator can report a wrong verdict to it. Spam is deleted automatically after a while.',
    comments: own.map((kept) => ({
      id: kept.id,
      status: kept.status ?? 'pending',
      submittedAt: kept.submittedAt ?? null,
      post: kept.post
        ? {
            title: kept.post.title,
            url: kept.post.slug && kept.post.publishedAt ? siteLink(postPath({slug: kept.post.slug, publishedAt: kept.post.publishedAt}, timeZone)) : null,
          }
        : null,
      inReplyTo: kept.parentId ?? null,
      name: kept.authorName ?? null,
      website: kept.authorWebsite ?? null,
      signedInWith: kept.provider ?? null,
      text: kept.body ?? null,
      keptPrivately: {
        // What the commenter wrote before editing it (decision 0232): theirs, so it is in their copy.
        earlierTexts: (kept.revisions ?? []).map(({body, editedAt}) => ({text: body, replacedAt: editedAt})),
        email: kept.email,
        notifyOfReplies: kept.notifyReplies === true,
        notifyOfNewPosts: kept.notifyPosts === true,
        browser: kept.userAgent ?? null,
        networkAddress: kept.hasNetworkAddressHash ? 'kept only as a keyed fingerprint (not the address itself)' : 'not kept',
        spamCheckDetails: kept.hasSealedSpamCheck ? 'kept sealed (encrypted); includes your network address and browser' : 'not kept',
      },
    })),
    // "Notify me of follow-up comments" once confirmed (decision 0231): the posts whose new comments are emailed.
    followUps: followUps ? {confirmedAt: followUps.confirmedAt, postIds: followUps.posts} : null,
  }
}

export interface ErasureOutcome {
  deleted: number
  anonymised: number
}

/**
 * Which of `own` can go entirely: those whose replies (at any depth) go too. A reply from
 * someone else keeps its parent in place, anonymised.
 */
export function planErasure(own: string[], replies: {id: string; parentId: string}[]): {remove: string[]; anonymise: string[]} {
  const removable = new Set(own)
  let changed = true
  while (changed) {
    changed = false
    for (const reply of replies) {
      if (removable.has(reply.parentId) && !removable.has(reply.id)) {
        removable.delete(reply.parentId)
        changed = true
      }
    }
  }
  return {remove: own.filter((id) => removable.has(id)), anonymise: own.filter((id) => !removable.has(id))}
}

export async function eraseCommenterData(client: SanityClient, email: string): Promise<ErasureOutcome> {
  const {own} = await ownComments(client, email)
  const commentIds = own.map(({id}) => id)
  const replies = await readReplies(client, commentIds)
  const {remove, anonymise} = planErasure(commentIds, replies)
  await Promise.all([eraseComments(client, {remove, anonymise}), unfollow(client, followerKey(normaliseEmail(email)))])
  return {deleted: remove.length, anonymised: anonymise.length}
}
