import type {ModerationSettings} from '../../../contract/comments'
import type {CheckContext, PostForComments, Submission} from '../comment-pipeline.server'
import {type CommentFormValues, formValues} from '../form-fields'

/** A comment as the checks see it, with every part overridable, for tests. */
export const testPost: PostForComments = {
  _id: 'post-1',
  title: 'A post',
  publishedAt: '2026-11-01T12:00:00Z',
  updatedAt: '2026-11-02T12:00:00Z',
  commentsOpen: true,
  sensitiveTopic: false,
  path: '/2026/11/01/a-post/',
  permalink: 'https://blog.example/2026/11/01/a-post/',
}

export const testSettings: ModerationSettings = {
  mode: 'publishUnlessFlagged',
  holdIfLinksAtLeast: 2,
  holdWords: [],
  trashWords: [],
  closeCommentsAfterDays: 0,
  threadDepth: 5,
  holdAfterReports: 3,
}

export function testForm(fields: Partial<Record<keyof CommentFormValues | string, string>>): FormData {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.set(name, value)
  return form
}

export function testContext(
  overrides: {
    form?: FormData
    submission?: Partial<Submission>
    settings?: Partial<ModerationSettings>
    post?: Partial<PostForComments>
    request?: Partial<CheckContext['request']>
    now?: Date
  } = {},
): CheckContext {
  const form = overrides.form ?? testForm({name: 'Ann', email: 'ann@example.com', body: 'Thank you for this.'})
  return {
    form,
    values: formValues(form),
    request: {clientAddress: '203.0.113.9', userAgent: 'Mozilla/5.0 (test)', ...overrides.request},
    post: {...testPost, ...overrides.post},
    settings: {...testSettings, ...overrides.settings},
    now: overrides.now ?? new Date('2026-11-27T10:00:00Z'),
    submission: {
      name: 'Ann',
      email: 'ann@example.com',
      body: 'Thank you for this.',
      notifyReplies: false,
      notifyPosts: false,
      saveDetails: false,
      ...overrides.submission,
    },
  }
}
