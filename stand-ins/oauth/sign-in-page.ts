import {FIXED_USERS} from './test-users'

/**
 * The local providers' sign-in page: pick a test user or type a name, then continue, or
 * cancel (which answers the site with `access_denied`, as a reader refusing would). Plain
 * HTML form, labelled controls, no script: any browser and a keyboard can use it.
 */
export interface SignInPage {
  /** e.g. "Google" */
  providerName: string
  /** Where the form posts. */
  action: string
  /** Hidden fields carried through the post (the pending request's id). */
  hidden: Record<string, string>
  /** What the site asks for, shown as the real consent screens do. */
  scopes: string[]
  error?: string
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

export function signInPage({providerName, action, hidden, scopes, error}: SignInPage): string {
  const name = escapeHtml(providerName)
  const hiddenFields = Object.entries(hidden)
    .map(([key, value]) => `<input type="hidden" name="${escapeHtml(key)}" value="${escapeHtml(value)}">`)
    .join('')
  const users = FIXED_USERS.map(
    (user, index) =>
      `<li><label><input type="radio" name="user" value="${user.handle}"${index === 0 ? ' checked' : ''}> ${escapeHtml(user.name)}` +
      ` <small>(${user.email ? `${escapeHtml(user.email)}${user.emailVerified ? '' : ', unverified'}` : 'no email'})</small></label></li>`,
  ).join('')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in with ${name} (local stand-in)</title>
<style>
body{font:1rem/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
fieldset{border:1px solid #767676;border-radius:4px;margin:1rem 0}ul{list-style:none;padding:0}
button{font:inherit;padding:.4rem 1rem;margin-right:.5rem}.note{color:#4a4a4a}.error{color:#a40000}
</style>
</head>
<body>
<main>
<h1>Sign in with ${name}</h1>
<p class="note">A local stand-in for ${name}: no real account is used. Choose a test user.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<p>The site asks for: ${scopes.map(escapeHtml).join(', ') || 'your basic profile'}.</p>
<form method="post" action="${escapeHtml(action)}">
${hiddenFields}
<fieldset>
<legend>Test user</legend>
<ul>${users}</ul>
<label for="typed-name">Or type a name for a new test user</label>
<input id="typed-name" name="typedName" autocomplete="off" maxlength="80">
</fieldset>
<button type="submit" name="decision" value="allow">Continue</button>
<button type="submit" name="decision" value="deny">Cancel</button>
</form>
</main>
</body>
</html>`
}

/** Which user the tester chose on the page: a typed name wins over the picked one. */
export function chosenUser(form: URLSearchParams): string {
  return form.get('typedName')?.trim() || form.get('user') || ''
}
