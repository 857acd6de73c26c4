import type {LoaderFunctionArgs} from '@remix-run/node'
import {redirect} from '@remix-run/node'
import {isRealDate} from '~/lib/date-range'
import {type Archive, getArchivePage} from './archive-view.server'

/** Loaders for every listing page: home, category, tag, author, date archives and search. */

function notFound(): Response {
  return new Response(null, {status: 404, statusText: 'Not Found'})
}

/** `/page/n/`'s number: 2 and up; `/page/1/` is page 1's own address, anything else is not a page. */
function pageNumber(params: LoaderFunctionArgs['params'], basePath: () => string): number {
  if (params.page === undefined) return 1
  if (!/^\d{1,6}$/.test(params.page)) throw notFound()
  const page = Number(params.page)
  if (page < 1) throw notFound()
  if (page === 1) throw redirect(basePath(), 301)
  return page
}

async function load(archive: Archive, page: number) {
  const view = await getArchivePage(archive, page)
  if (!view) throw notFound()
  return {archive: view}
}

const slugParam = (params: LoaderFunctionArgs['params']) => {
  const slug = params.slug ?? ''
  if (!/^[a-z0-9][a-z0-9_-]*$/i.test(slug)) throw notFound()
  return slug
}

export function loadHomeArchive({params}: LoaderFunctionArgs) {
  return load(
    {kind: 'home'},
    pageNumber(params, () => '/'),
  )
}

export function loadCategoryArchive({params}: LoaderFunctionArgs) {
  const slug = slugParam(params)
  return load(
    {kind: 'category', slug},
    pageNumber(params, () => `/category/${slug}/`),
  )
}

export function loadTagArchive({params}: LoaderFunctionArgs) {
  const slug = slugParam(params)
  return load(
    {kind: 'tag', slug},
    pageNumber(params, () => `/tag/${slug}/`),
  )
}

export function loadAuthorArchive({params}: LoaderFunctionArgs) {
  const slug = slugParam(params)
  return load(
    {kind: 'author', slug},
    pageNumber(params, () => `/author/${slug}/`),
  )
}

/** `/2013/`, `/2013/07/` and `/2013/07/25/`: four digits, then two, as WordPress writes them. */
export function loadDateArchive({params}: LoaderFunctionArgs) {
  const {year, month, day} = params
  if (!/^\d{4}$/.test(year ?? '')) throw notFound()
  if (month !== undefined && !/^\d{2}$/.test(month)) throw notFound()
  if (day !== undefined && !/^\d{2}$/.test(day)) throw notFound()
  const date = {
    year: Number(year),
    ...(month !== undefined ? {month: Number(month)} : {}),
    ...(day !== undefined ? {day: Number(day)} : {}),
  }
  if (!isRealDate(date)) throw notFound()
  const base = `/${year}/${month ? `${month}/` : ''}${day ? `${day}/` : ''}`
  return load(
    {kind: 'date', date},
    pageNumber(params, () => base),
  )
}

/** Longer than any real question; keeps a pasted essay from becoming a huge query. */
const MAX_SEARCH_LENGTH = 200

/** `/search/?q=words&page=2`. */
export function loadSearch({request}: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const terms = (url.searchParams.get('q') ?? '').trim().slice(0, MAX_SEARCH_LENGTH)
  const pageParam = url.searchParams.get('page')
  const page = pageParam === null ? 1 : /^\d{1,6}$/.test(pageParam) ? Number(pageParam) : Number.NaN
  if (!(page >= 1)) throw notFound()
  return load({kind: 'search', terms}, page)
}
