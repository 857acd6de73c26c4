import {expect, test} from 'vitest'
import {commentFormFields} from './comment-form'

const page = `
<form method="get" class="search-form"><input name="q" value="ignored"/></form>
<form method="post" class="comment-form" aria-labelledby="reply-title" novalidate="">
  <input type="hidden" name="formToken" value="abc.def&amp;1"/>
  <button type="submit" name="provider" formAction="/auth/github">GitHub</button>
  <textarea id="comment-body" name="body" rows="8">Kept &lt;draft&gt;</textarea>
  <input id="comment-email" name="email" type="email" value=""/>
  <input id="comment-name" name="name" type="text" value="Ann O&#x27;Neil"/>
  <input id="comment-url-confirm" name="comment_url_confirm" type="text" tabindex="-1" value=""/>
  <input id="comment-notify-replies" name="notifyReplies" type="checkbox" checked=""/>
  <input id="comment-notify-posts" name="notifyPosts" type="checkbox"/>
  <input type="submit" name="go" value="Post Comment"/>
</form>`

test('reads the comment form as a browser would send it untouched', () => {
  expect([...commentFormFields(page)]).toEqual([
    ['formToken', 'abc.def&1'],
    ['email', ''],
    ['name', "Ann O'Neil"],
    ['comment_url_confirm', ''],
    ['notifyReplies', 'on'],
    ['body', 'Kept <draft>'],
  ])
})

test('a page without the comment form, or a form without its token, is an error', () => {
  expect(() => commentFormFields('<form class="search-form"></form>')).toThrow('no comment form')
  expect(() => commentFormFields('<form class="comment-form"><input name="body"/></form>')).toThrow('no form token')
})
