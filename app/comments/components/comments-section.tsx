import {useActionData, useFetcher, useLocation, useSearchParams} from '@remix-run/react'
import {useEffect, useRef, useState} from 'react'
import {ServerMarkup, useReaderNotices} from '~/notices/reader-notices'
import type {CommentsSectionData} from '../comments-loader.server'
import type {CommentFormValues} from '../form-fields'
import {CommentForm, type CommentFormFailure} from './comment-form'
import {CommentList} from './comment-list'
import {HeldComments} from './held-comments'

function heading(count: number, title: string): string {
  return count === 1 ? `One thought on “${title}”` : `${count.toLocaleString('en-US')} thoughts on “${title}”`
}

function findAuthor(threads: CommentsSectionData['threads'], id: string): string | undefined {
  for (const node of threads) {
    if (node.comment.id === id) return node.comment.authorName
    const found = findAuthor(node.replies, id)
    if (found) return found
  }
  return undefined
}

/**
 * The comments under a post: "N thoughts on …", the threads, and the reply form. Without
 * JavaScript, Reply links reload the page with the form under the comment (?replytocom=) and
 * posting is a plain form POST; with it, the form moves in place and posts without a reload.
 */
export function CommentsSection({section}: {section: CommentsSectionData}) {
  const fetcher = useFetcher<{comment?: CommentFormFailure}>()
  const actionData = useActionData<{comment?: CommentFormFailure}>()
  const [searchParams] = useSearchParams()
  const location = useLocation()
  const failure = fetcher.data?.comment ?? actionData?.comment
  const [replyTo, setReplyTo] = useState<string | undefined>(() => failure?.values.parentId || searchParams.get('replytocom') || undefined)
  const [values, setValues] = useState<Partial<CommentFormValues>>(() => failure?.values ?? section.form.values)
  // After a comment is posted the page navigates to it: start the next one afresh.
  const shownAt = useRef(location.key)
  // The form's fields are uncontrolled: a new generation mounts it afresh with new values.
  const [generation, setGeneration] = useState(0)
  useEffect(() => {
    if (shownAt.current === location.key) return
    shownAt.current = location.key
    setValues(section.form.values)
    setGeneration((count) => count + 1)
    setReplyTo(new URLSearchParams(location.search).get('replytocom') ?? undefined)
  }, [location.key, location.search, section.form.values])
  const replyAuthor = replyTo ? findAuthor(section.threads, replyTo) : undefined
  const activeReply = replyAuthor ? replyTo : undefined

  const pageHref = (params: Record<string, string | undefined>, hash: string) => {
    const next = new URLSearchParams(location.search)
    for (const [key, value] of Object.entries(params)) {
      if (value === undefined) next.delete(key)
      else next.set(key, value)
    }
    const query = next.toString()
    return `${location.pathname}${query ? `?${query}` : ''}${hash}`
  }

  const notices = useReaderNotices()
  // Beside every form; above it on a sensitive post, so it is read before writing.
  const crisisNotice = notices ? <ServerMarkup html={notices.crisis} /> : null
  const formFor = (parentId: string | undefined) => (
    <>
      {section.sensitiveTopic ? crisisNotice : null}
      {notices ? <ServerMarkup html={notices.publicComments} /> : null}
      <CommentForm
        key={`${generation}-${parentId ?? 'post'}`}
        form={section.form}
        {...(parentId && replyAuthor
          ? {
              replyTo: {
                id: parentId,
                authorName: replyAuthor,
                cancelHref: pageHref({replytocom: undefined}, '#respond'),
                onCancel: () => setReplyTo(undefined),
              },
            }
          : {})}
        {...(failure ? {failure} : {})}
        submitting={fetcher.state !== 'idle'}
        FormComponent={fetcher.Form}
        values={values}
        onValues={setValues}
      />
      {section.sensitiveTopic ? null : crisisNotice}
      {notices ? <p className="not-advice-notice">{notices.notAdvice}</p> : null}
    </>
  )

  return (
    <section id="comments" className="comments-area" aria-labelledby="comments-title">
      {section.threads.length > 0 ? (
        <>
          {section.approvedCount > 0 ? (
            <h2 id="comments-title" className="comments-title">
              {heading(section.approvedCount, section.postTitle)}
            </h2>
          ) : (
            // Only the reader's own comment, not yet approved: there is nothing to count yet.
            <h2 id="comments-title" className="comments-title">
              Your comment
            </h2>
          )}
          <CommentList
            threads={section.threads}
            maxDepth={section.maxDepth}
            open={section.open}
            postAuthor={section.postAuthor}
            reply={{
              href: (id) => pageHref({replytocom: id}, '#respond'),
              open: (id) => setReplyTo(id),
              renderFormFor: (id) => (section.open && activeReply === id ? formFor(id) : null),
            }}
          />
          {section.pageCount > 1 ? (
            <nav className="comment-navigation" aria-label="Comment pages">
              <ul>
                {Array.from({length: section.pageCount}, (_, index) => index + 1).map((page) => (
                  <li key={page}>
                    {page === section.page ? (
                      <span aria-current="page">{page}</span>
                    ) : (
                      <a href={pageHref({cpage: page === 1 ? undefined : String(page), replytocom: undefined}, '#comments')}>
                        <span className="visually-hidden">Comment page </span>
                        {page}
                      </a>
                    )}
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </>
      ) : (
        <h2 id="comments-title" className="visually-hidden">
          Comments
        </h2>
      )}
      {section.held ? <HeldComments held={section.held} /> : null}
      {section.open ? activeReply ? null : formFor(undefined) : <p className="no-comments">Comments are closed.</p>}
    </section>
  )
}
