import type {RequestHandler} from 'express'

/**
 * A percent escape that is not UTF-8 (`%E0%A4%A`, `%ZZ`) is bad input, whether in the path or the
 * query: the search box, the router and the page cache would each read it differently (the
 * URL parser replaces it with U+FFFD, decodeURIComponent throws). One clear 400 here instead.
 */
export function hasMalformedEscapes(url: string): boolean {
  try {
    // '+' means a space in a query; it is never part of an escape, so it can stay.
    decodeURIComponent(url)
    return false
  } catch {
    return true
  }
}

export const refuseMalformedUrls: RequestHandler = (req, res, next) => {
  if (!hasMalformedEscapes(req.originalUrl)) return next()
  res.setHeader('Cache-Control', 'no-store')
  res.status(400).type('text/plain').send('The address has a percent escape that is not valid UTF-8.\n')
}
