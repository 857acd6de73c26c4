import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {type CommentsWorld, createComment, linkLabelled, mailTo, startCommentsWorld} from '../../tests/support/comments-fixture'
import {exportDownload, performErasure, privacyPage} from './privacy-page.server'
import {privacyLink} from './privacy-links.server'
import {requestPrivacyLink} from './privacy-request.server'

let world: CommentsWorld
beforeAll(async () => {
  world = await startCommentsWorld()
  await createComment(world.client, {id: 'comment-privacy-1', status: 'approved', email: 'asker@example.com', body: 'mine'})
  await createComment(world.client, {id: 'comment-privacy-2', status: 'approved', email: 'someone-else@example.com', body: 'not mine'})
}, 60_000)
afterAll(() => world?.stop())

function form(fields: Record<string, string>, origin = world.siteUrl, url = `${world.siteUrl}/privacy/comments/`): Request {
  return new Request(url, {method: 'POST', headers: {Origin: origin}, body: new URLSearchParams(fields)})
}

const tokenOf = (link: string) => new URL(link).pathname.split('/').pop()!

describe('asking for a privacy link', () => {
  test('the answer is the same whether or not the address has comments; only a known one gets an email', async () => {
    expect(await requestPrivacyLink(form({email: 'nobody@example.com'}), '203.0.113.7')).toEqual({state: 'sent'})
    expect(await requestPrivacyLink(form({email: ' Asker@Example.com '}), '203.0.113.7')).toEqual({state: 'sent'})
    const [message] = await mailTo(world.mail, 'asker@example.com')
    expect(message!.subject).toBe('Your comments on Fixture Blog')
    expect(linkLabelled(message!, 'Manage your comments')).toMatch(`${world.siteUrl}/privacy/comments/`)
    // The address is sealed inside the link, not readable from it.
    expect(linkLabelled(message!, 'Manage your comments')).not.toMatch(/asker|YXNrZXJA/i)
    expect(await mailTo(world.mail, 'nobody@example.com', 0)).toEqual([])
  })

  test('a bad address, a foreign origin and floods are turned away', async () => {
    expect(await requestPrivacyLink(form({email: 'not an address'}), '203.0.113.8')).toEqual({state: 'invalid-email', email: 'not an address'})
    expect(await requestPrivacyLink(form({email: 'asker@example.com'}, 'https://evil.example'), '203.0.113.8')).toEqual({state: 'cross-site'})
    const results = []
    for (let i = 0; i < 4; i++) results.push((await requestPrivacyLink(form({email: 'flood@example.com'}), `198.51.100.${i}`)).state)
    expect(results).toEqual(['sent', 'sent', 'sent', 'too-many'])
    const fromOneNetwork = []
    for (let i = 0; i < 11; i++) fromOneNetwork.push((await requestPrivacyLink(form({email: `n${i}@example.com`}), `192.0.2.${i}`)).state)
    expect(fromOneNetwork.filter((state) => state === 'too-many')).toEqual(['too-many'])
  })
})

describe('the privacy page', () => {
  test('shows the count, downloads exactly the requester’s comments, and erases only after confirming', async () => {
    const token = tokenOf(privacyLink('asker@example.com'))
    expect(await privacyPage(token)).toEqual({state: 'ready', email: 'asker@example.com', count: 1})

    const download = await exportDownload(token)
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="my-comments-\d{4}-\d{2}-\d{2}\.json"$/)
    expect(download.headers.get('cache-control')).toBe('private, no-store')
    const exported = (await download.json()) as {comments: {id: string; text: string}[]}
    expect(exported.comments.map((comment) => [comment.id, comment.text])).toEqual([['comment-privacy-1', 'mine']])

    const pageUrl = `${world.siteUrl}/privacy/comments/${token}`
    expect(await performErasure(form({}, world.siteUrl, pageUrl), token)).toMatchObject({state: 'ready', count: 1, unconfirmed: true})
    expect(await performErasure(form({confirm: 'yes'}, 'https://evil.example', pageUrl), token)).toEqual({state: 'cross-site'})
    expect(await world.client.getDocument('comment-private.comment-privacy-1')).toBeDefined()

    expect(await performErasure(form({confirm: 'yes'}, world.siteUrl, pageUrl), token)).toEqual({state: 'erased', deleted: 1, anonymised: 0})
    expect(await world.client.getDocument('comment-privacy-1')).toBeUndefined()
    expect(await world.client.getDocument('comment-private.comment-privacy-1')).toBeUndefined()
    expect(await world.client.getDocument('comment-private.comment-privacy-2')).toBeDefined()
  })

  test('an expired or altered link is refused', async () => {
    const old = tokenOf(privacyLink('asker@example.com', Date.now() - 25 * 60 * 60 * 1000))
    expect(await privacyPage(old)).toEqual({state: 'expired'})
    expect((await exportDownload(old)).status).toBe(410)
    const valid = tokenOf(privacyLink('asker@example.com'))
    expect(await privacyPage(`${valid}x`)).toEqual({state: 'invalid'})
    expect((await exportDownload(`x${valid}`)).status).toBe(400)
  })
})
