import type {Browser, BrowserContext, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, inject, test} from 'vitest'
import {launchBrowser} from '../support/browser'
import {lakeClient} from '../support/site-content'

/**
 * Social log-in in Chromium, through the local stand-ins npm start runs (no provider is
 * configured in the tests): from the post page, each provider's icon, its sign-in page, back
 * to the same post with the comment being written still there, a comment that carries the
 * identity, Change to another provider, Log Out.
 */
const siteUrl = inject('siteUrl')
const lakeUrl = inject('lakeUrl')
const dataDir = inject('dataDir')
const oauthUrl = inject('oauthUrl')
const oidcUrl = inject('oidcUrl')
const POST_PATH = '/2013/07/25/hold-on-we-dont-do-that-sex-therapy-v-sexual-surrogacy/'

const PROVIDERS = [
  {id: 'wordpress', name: 'WordPress.com'},
  {id: 'x', name: 'X'},
  {id: 'facebook', name: 'Facebook'},
  {id: 'google', name: 'Google'},
  {id: 'github', name: 'GitHub'},
] as const

const lake = lakeClient(lakeUrl, dataDir)

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

/** A reader's own browser: cookies of their own, JavaScript on or off. */
async function reader(javaScriptEnabled = true): Promise<{context: BrowserContext; page: Page}> {
  const context = await browser.newContext({javaScriptEnabled})
  const page = await context.newPage()
  return {context, page}
}

/** At the provider's stand-in page: type a test user's name and continue. */
async function signInAs(page: Page, providerName: string, userName: string): Promise<void> {
  await page.getByRole('heading', {name: `Sign in with ${providerName}`}).waitFor()
  await page.getByLabel('Or type a name for a new test user').fill(userName)
  await Promise.all([page.waitForURL((url) => url.href.startsWith(`${siteUrl}${POST_PATH}`)), page.getByRole('button', {name: 'Continue'}).click()])
}

const commentingAs = (page: Page) => page.locator('.commenting-as-account')

test('npm start runs the sign-in stand-ins and the post page shows an icon for each provider', async () => {
  expect(oauthUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  expect(oidcUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  const discovery = (await (await fetch(`${oidcUrl}/.well-known/openid-configuration`)).json()) as {issuer: string; code_challenge_methods_supported: string[]}
  expect(discovery.issuer).toBe(oidcUrl)
  expect(discovery.code_challenge_methods_supported).toEqual(['S256'])

  const {context, page} = await reader()
  await page.goto(`${siteUrl}${POST_PATH}`)
  for (const provider of PROVIDERS) {
    const button = page.getByRole('button', {name: `Log in with ${provider.name}`})
    expect(await button.count()).toBe(1)
    expect(await button.getAttribute('formaction')).toBe(`/auth/${provider.id}`)
  }
  await context.close()
})

describe.each(PROVIDERS.map((provider, index) => [provider, PROVIDERS[(index + 1) % PROVIDERS.length]!] as const))('%o', (provider, other) => {
  test(`log in with ${provider.name}, keep the draft, post as that identity, Change to ${other.name}, Log Out`, async () => {
    const {context, page} = await reader()
    const who = `${provider.name.replace(/\W/g, '')} Reader ${Date.now() % 100000}`
    const words = `Written before logging in with ${provider.name}: thank you for this post.`
    await page.goto(`${siteUrl}${POST_PATH}`)
    await page.getByLabel('Comment', {exact: true}).fill(words)
    // Told before logging in what will be public (issue #13).
    expect(await page.locator('.social-login-privacy').innerText()).toBe(
      'Logging in shows that account’s name with your comment (you can change it). Your email and picture stay private.',
    )

    await Promise.all([page.waitForURL((url) => !url.href.startsWith(siteUrl)), page.getByRole('button', {name: `Log in with ${provider.name}`}).click()])
    await signInAs(page, provider.name, who)

    await commentingAs(page).waitFor()
    expect(await commentingAs(page).innerText()).toContain(`You are commenting using your ${provider.name} account.`)
    expect(await page.locator('.commenting-as-name').innerText()).toBe(who)
    expect(await page.locator('.commenting-as-avatar').getAttribute('src')).toMatch(/\/avatars\/.+\.svg$/)
    // The guest's email field is gone; the public name is the provider's until the reader
    // picks a pseudonym; the comment started before the round-trip is back.
    expect(await page.getByRole('textbox', {name: /^Email \(required\)/}).count()).toBe(0)
    const name = page.getByRole('textbox', {name: /^Name or pseudonym \(required\)/})
    expect(await name.inputValue()).toBe(who)
    expect(await name.getAttribute('aria-describedby')).toBe('comment-name-hint')
    const pseudonym = `Quiet Owl ${Date.now() % 100000}`
    await name.fill(pseudonym)
    expect(await page.getByLabel('Comment', {exact: true}).inputValue()).toBe(words)

    await page.getByRole('button', {name: 'Post Comment'}).click()
    await page.getByText('Your comment is awaiting moderation.').first().waitFor()
    const stored = await lake.fetch<{provider: string; providerAccountId: string; authorName: string} | null>(
      `*[_type == "comment" && body == $words][0]{provider, providerAccountId, authorName}`,
      {words},
    )
    expect(stored).toMatchObject({provider: provider.id, authorName: pseudonym})
    expect(stored!.providerAccountId).toMatch(/^\d+$/)
    // Posted, the draft is done with: a fresh page has an empty form.
    await page.reload()
    expect(await page.getByLabel('Comment', {exact: true}).inputValue()).toBe('')

    await page.getByRole('link', {name: 'Change'}).click()
    await Promise.all([page.waitForURL((url) => !url.href.startsWith(siteUrl)), page.getByRole('button', {name: `Log in with ${other.name}`}).click()])
    await signInAs(page, other.name, `${who} Again`)
    await page.getByText(`You are commenting using your ${other.name} account.`).waitFor()

    await page.getByRole('button', {name: 'Log Out'}).click()
    await page.getByRole('button', {name: `Log in with ${provider.name}`}).waitFor()
    expect(await commentingAs(page).count()).toBe(0)
    expect(await page.getByRole('textbox', {name: /^Email \(required\)/}).count()).toBe(1)
    await context.close()
  })
})

test('without JavaScript: log in keeps the draft, and Log Out works as a plain form post', async () => {
  const {context, page} = await reader(false)
  await page.goto(`${siteUrl}${POST_PATH}`)
  await page.getByLabel('Comment', {exact: true}).fill('Typed with scripts off.')
  await Promise.all([page.waitForURL((url) => !url.href.startsWith(siteUrl)), page.getByRole('button', {name: 'Log in with GitHub'}).click()])
  await signInAs(page, 'GitHub', 'No Script Reader')
  expect(await commentingAs(page).innerText()).toContain('You are commenting using your GitHub account.')
  expect(await page.getByLabel('Comment', {exact: true}).inputValue()).toBe('Typed with scripts off.')
  // Change shows the row through the link's fragment (CSS :target).
  await page.getByRole('link', {name: 'Change'}).click()
  expect(await page.getByRole('button', {name: 'Log in with Google'}).isVisible()).toBe(true)
  await Promise.all([page.waitForURL((url) => url.href.startsWith(`${siteUrl}${POST_PATH}`)), page.getByRole('button', {name: 'Log Out'}).click()])
  expect(await commentingAs(page).count()).toBe(0)
  expect(await page.getByLabel('Comment', {exact: true}).inputValue()).toBe('Typed with scripts off.')
  await context.close()
})

test('cancelling at the provider brings the reader back as a guest', async () => {
  const {context, page} = await reader()
  await page.goto(`${siteUrl}${POST_PATH}`)
  await Promise.all([page.waitForURL((url) => !url.href.startsWith(siteUrl)), page.getByRole('button', {name: 'Log in with Google'}).click()])
  await page.getByRole('heading', {name: 'Sign in with Google'}).waitFor()
  await Promise.all([page.waitForURL((url) => url.href.startsWith(`${siteUrl}${POST_PATH}`)), page.getByRole('button', {name: 'Cancel'}).click()])
  expect(await commentingAs(page).count()).toBe(0)
  expect(await page.getByRole('button', {name: 'Log in with Google'}).count()).toBe(1)
  await context.close()
})
