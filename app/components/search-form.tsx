import {Form} from '@remix-run/react'
import {useId} from 'react'

/**
 * A plain GET form, so search works the same with JavaScript off. `name` tells this search
 * landmark from another on the same page (the header's and the results page's).
 */
export function SearchForm({terms = '', name}: {terms?: string; name: string}) {
  const id = useId()
  return (
    <Form method="get" action="/search/" role="search" aria-label={name} className="search-form">
      <label htmlFor={id}>Search the blog</label>
      <input id={id} type="search" name="q" defaultValue={terms} maxLength={200} required />
      <button type="submit">Search</button>
    </Form>
  )
}
