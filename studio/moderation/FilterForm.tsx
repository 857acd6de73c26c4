import {Button, Checkbox, Flex, Select, Stack, Text, TextInput} from '@sanity/ui'
import {type FormEvent, type ReactNode, useEffect, useState} from 'react'
import {useClient} from 'sanity'
import {COMMENT_STATUS_OPTIONS} from '../schemaTypes/commentType'
import {type CommentFilters, POSTS_QUERY, type StatusFilter} from './commentQuery'

const STATUS_CHOICES: {value: StatusFilter; title: string}[] = [
  {value: 'needs-care', title: 'Needs care'},
  ...COMMENT_STATUS_OPTIONS.map(({value, title}) => ({value, title})),
  {value: 'any', title: 'Any status'},
]

function Field({id, label, children}: {id: string; label: string; children: ReactNode}) {
  return (
    <Stack gap={2}>
      <Text as="label" htmlFor={id} size={1} weight="medium">
        {label}
      </Text>
      {children}
    </Stack>
  )
}

/** The search form: text fields apply on Search (or Enter), so typing does not query per key. */
export function FilterForm({staff, applied, onApply}: {staff: boolean; applied: CommentFilters; onApply: (filters: CommentFilters) => void}) {
  const client = useClient({apiVersion: '2025-02-19'})
  const [form, setForm] = useState(applied)
  const [posts, setPosts] = useState<{_id: string; title: string}[]>([])
  useEffect(() => {
    const request = client.observable.fetch<{_id: string; title: string}[]>(POSTS_QUERY, {}, {perspective: 'published', tag: 'moderation.posts'}).subscribe({
      next: setPosts,
      error: (error: unknown) => console.error('Could not read the posts to filter by', error),
    })
    return () => request.unsubscribe()
  }, [client])
  const set = <K extends keyof CommentFilters>(key: K, value: CommentFilters[K]) => setForm((current) => ({...current, [key]: value}))
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onApply(form)
  }
  return (
    <form onSubmit={submit} aria-label="Find comments">
      <Flex gap={3} wrap="wrap" align="flex-end">
        <Field id="moderation-status" label="Status">
          <Select id="moderation-status" value={form.status} onChange={(event) => set('status', event.currentTarget.value as StatusFilter)}>
            {STATUS_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.title}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="moderation-text" label="Text contains">
          <TextInput id="moderation-text" value={form.text} onChange={(event) => set('text', event.currentTarget.value)} />
        </Field>
        <Field id="moderation-name" label="Commenter’s name">
          <TextInput id="moderation-name" value={form.name} onChange={(event) => set('name', event.currentTarget.value)} />
        </Field>
        {staff ? (
          <Field id="moderation-email" label="Commenter’s email">
            <TextInput id="moderation-email" type="search" value={form.email} onChange={(event) => set('email', event.currentTarget.value)} />
          </Field>
        ) : null}
        <Field id="moderation-post" label="Post">
          <Select id="moderation-post" value={form.post} onChange={(event) => set('post', event.currentTarget.value)}>
            <option value="">Every post</option>
            {posts.map((post) => (
              <option key={post._id} value={post._id}>
                {post.title}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="moderation-from" label="Submitted from">
          <TextInput id="moderation-from" type="date" value={form.from} onChange={(event) => set('from', event.currentTarget.value)} />
        </Field>
        <Field id="moderation-to" label="Submitted until">
          <TextInput id="moderation-to" type="date" value={form.to} onChange={(event) => set('to', event.currentTarget.value)} />
        </Field>
        <Flex gap={2} align="center" paddingBottom={2}>
          <Checkbox id="moderation-links" checked={form.hasLinks} onChange={(event) => set('hasLinks', event.currentTarget.checked)} />
          <Text as="label" htmlFor="moderation-links" size={1}>
            Has links
          </Text>
        </Flex>
        <Flex gap={2} align="center" paddingBottom={2}>
          <Checkbox id="moderation-reported" checked={form.reported} onChange={(event) => set('reported', event.currentTarget.checked)} />
          <Text as="label" htmlFor="moderation-reported" size={1}>
            Reported by readers
          </Text>
        </Flex>
        {/* Not the primary tone: its white on blue falls short of 4.5:1 (WCAG 1.4.3). */}
        <Button type="submit" text="Search" mode="ghost" />
      </Flex>
    </form>
  )
}
