import {useEffect, useRef} from 'react'
import {CommentingAs} from '~/auth/commenting-as'
import {SocialLoginRow} from '~/auth/social-login-row'
import type {CommentsSectionData} from '../comments-loader.server'
import {COMMENT_LIMITS, type CommentFormValues, type FieldErrors, formValues, HONEYPOT_FIELD} from '../form-fields'
import {PersonalDetailsNotice} from './personal-details-notice'
import {ReplyGuardConfirm} from './reply-guard-confirm'

export interface CommentFormFailure {
  message: string
  fieldErrors: FieldErrors
  values: CommentFormValues
  token: string
  replyGuard?: {phrases: string[]; token: string}
}

interface Props {
  form: CommentsSectionData['form']
  /** The comment this form answers, if it is a reply. */
  replyTo?: {id: string; authorName: string; cancelHref: string; onCancel(): void}
  failure?: CommentFormFailure
  submitting: boolean
  /** fetcher.Form with JavaScript; a plain form (POST, redirect back) without it. */
  FormComponent: React.ElementType
  /** Where the fields go between renders (the form moves when a reader picks Reply). */
  values: Partial<CommentFormValues>
  onValues(values: Partial<CommentFormValues>): void
}

function FieldError({id, message}: {id: string; message: string | undefined}) {
  return message ? (
    <p className="field-error" id={id}>
      {message}
    </p>
  ) : null
}

/** The reply form as the original WordPress.com blog had it, accessible and usable without JavaScript. */
export function CommentForm({form, replyTo, failure, submitting, FormComponent, values, onValues}: Props) {
  const errors = failure?.fieldErrors ?? {}
  const summary = useRef<HTMLDivElement>(null)
  const reader = form.social.reader
  useEffect(() => {
    if (failure) summary.current?.focus()
  }, [failure])

  const describedBy = (field: keyof FieldErrors, hint?: string) =>
    [hint, errors[field] ? `comment-${field}-error` : undefined].filter(Boolean).join(' ') || undefined

  // Pseudonymous by default (issue #13): whatever name is typed here is the only one readers see.
  const nameField = (hint: string, defaultValue: string) => (
    <p className="comment-form-author">
      <label htmlFor="comment-name">
        Name or pseudonym <span className="required">(required)</span>
      </label>
      <span className="hint" id="comment-name-hint">
        {hint}
      </span>
      <input
        id="comment-name"
        name="name"
        type="text"
        autoComplete="nickname"
        required
        aria-required="true"
        maxLength={COMMENT_LIMITS.name}
        aria-invalid={errors.name ? true : undefined}
        aria-describedby={describedBy('name', 'comment-name-hint')}
        defaultValue={defaultValue}
      />
      <FieldError id="comment-name-error" message={errors.name} />
    </p>
  )

  return (
    <div id="respond" className="comment-respond">
      <h3 id="reply-title" className="comment-reply-title">
        {replyTo ? <>Leave a Reply to {replyTo.authorName}</> : 'Leave a Reply'}
        {replyTo ? (
          <small>
            {' '}
            <a
              href={replyTo.cancelHref}
              onClick={(event) => {
                event.preventDefault()
                replyTo.onCancel()
              }}
            >
              Cancel reply
            </a>
          </small>
        ) : null}
      </h3>
      <FormComponent
        method="post"
        className="comment-form"
        aria-labelledby="reply-title"
        noValidate
        onChange={(event: React.FormEvent<HTMLFormElement>) => onValues(formValues(new FormData(event.currentTarget)))}
      >
        {failure ? (
          <div className="form-errors" role="alert" tabIndex={-1} ref={summary}>
            <p>{failure.message}</p>
            {Object.values(errors).length > 0 ? (
              <ul>
                {(Object.entries(errors) as [keyof FieldErrors, string][]).map(([field, message]) => (
                  <li key={field}>
                    <a href={`#comment-${field}`}>{message}</a>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        <input type="hidden" name="formToken" value={failure?.token ?? form.token} />
        {replyTo ? <input type="hidden" name="parentId" value={replyTo.id} /> : null}

        {reader ? <CommentingAs identity={reader} providers={form.social.providers} /> : <SocialLoginRow providers={form.social.providers} />}

        <p className="comment-form-comment">
          <label htmlFor="comment-body">Comment</label>
          <textarea
            id="comment-body"
            name="body"
            rows={8}
            maxLength={COMMENT_LIMITS.body}
            required
            aria-required="true"
            aria-invalid={errors.body ? true : undefined}
            aria-describedby={describedBy('body', 'comment-personal-details')}
            placeholder="Enter your comment here…"
            defaultValue={values.body ?? ''}
          />
          <FieldError id="comment-body-error" message={errors.body} />
        </p>
        <PersonalDetailsNotice id="comment-personal-details" body={values.body ?? ''} name={values.name ?? ''} clinicians={form.clinicians} />
        {failure?.replyGuard ? <ReplyGuardConfirm id="comment-reply-guard" question={failure.replyGuard} /> : null}

        {reader ? nameField(`Shown publicly with your comment; change it if you like.`, values.name || reader.name) : null}
        {reader ? (
          reader.hasEmail ? null : (
            <p className="comment-form-email">
              <label htmlFor="comment-email">
                Email <span className="hint">(only to notify you; address never made public)</span>
              </label>
              <input
                id="comment-email"
                name="email"
                type="email"
                autoComplete="email"
                maxLength={COMMENT_LIMITS.email}
                aria-invalid={errors.email ? true : undefined}
                aria-describedby={describedBy('email')}
                defaultValue={values.email ?? ''}
              />
              <FieldError id="comment-email-error" message={errors.email} />
            </p>
          )
        ) : (
          <fieldset className="comment-guest-details">
            <legend className="visually-hidden">Your details</legend>
            <p className="comment-form-email">
              <label htmlFor="comment-email">
                Email <span className="required">(required)</span> <span className="hint">(Address never made public)</span>
              </label>
              <input
                id="comment-email"
                name="email"
                type="email"
                autoComplete="email"
                required
                aria-required="true"
                maxLength={COMMENT_LIMITS.email}
                aria-invalid={errors.email ? true : undefined}
                aria-describedby={describedBy('email')}
                defaultValue={values.email ?? ''}
              />
              <FieldError id="comment-email-error" message={errors.email} />
            </p>
            {nameField('Shown publicly with your comment.', values.name ?? '')}
          </fieldset>
        )}
        <p className="comment-form-url">
          <label htmlFor="comment-website">Website</label>
          <input
            id="comment-website"
            name="website"
            type="url"
            autoComplete="url"
            inputMode="url"
            maxLength={COMMENT_LIMITS.website}
            aria-invalid={errors.website ? true : undefined}
            aria-describedby={describedBy('website')}
            defaultValue={values.website ?? ''}
          />
          <FieldError id="comment-website-error" message={errors.website} />
        </p>
        {/* Hidden from people and assistive technology; bots fill it in. */}
        <p className="comment-form-trap" aria-hidden="true">
          <label htmlFor="comment-url-confirm">Leave this field empty</label>
          <input id="comment-url-confirm" name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
        </p>

        <p className="comment-subscription-form">
          <input
            id="comment-notify-replies"
            name="notifyReplies"
            type="checkbox"
            defaultChecked={values.notifyReplies ?? false}
            aria-describedby="comment-notify-replies-hint"
          />{' '}
          <label htmlFor="comment-notify-replies">Notify me of follow-up comments by email.</label>{' '}
          {/* Decision 0231: the first time, the address confirms by an emailed link. */}
          <span className="hint" id="comment-notify-replies-hint">
            (New comments on this post; the first time, we email you a link to confirm.)
          </span>
        </p>
        <p className="post-subscription-form">
          <input id="comment-notify-posts" name="notifyPosts" type="checkbox" defaultChecked={values.notifyPosts ?? false} />{' '}
          <label htmlFor="comment-notify-posts">Notify me of new posts by email.</label>
        </p>
        {reader ? null : (
          <p className="comment-form-cookies-consent">
            <input id="comment-save-details" name="saveDetails" type="checkbox" defaultChecked={values.saveDetails ?? false} />{' '}
            <label htmlFor="comment-save-details">Save my name, email, and website in this browser for the next time I comment.</label>
          </p>
        )}
        <p className="akismet-notice">
          This site uses Akismet to reduce spam: your comment, name, email, website and network address are sent to Akismet to check it. Comments may wait for a
          moderator before they appear. <a href="/privacy/comments">How your comment data is processed, and how to get a copy or erase it</a>.
        </p>
        <p className="form-submit">
          <button type="submit" className="submit" disabled={submitting} aria-disabled={submitting}>
            {submitting ? 'Posting…' : 'Post Comment'}
          </button>
        </p>
      </FormComponent>
    </div>
  )
}
