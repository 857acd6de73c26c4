import type {IncomingMessage, ServerResponse} from 'node:http'
import type {Access, ContentLake} from '../lake'

/** What a route gets: the request, the named parts of its path, the caller's access and the lake. */
export interface RouteContext {
  req: IncomingMessage
  res: ServerResponse
  url: URL
  /** Named groups of the route's pattern, decoded (e.g. `apiVersion`, `dataset`, `ids`). */
  params: Record<string, string>
  access: Access
  lake: ContentLake
}

/** Returned by routes that wrote the response themselves (streams, files). */
export const RESPONDED = Symbol('responded')

/** A route answers with a JSON body (status 200), writes the response itself, or throws an HttpError. */
export type Route = (context: RouteContext) => Promise<unknown>

export interface RouteDefinition {
  methods: readonly string[]
  pattern: RegExp
  route: Route
  /** The largest request body the route takes, in bytes; 0: none at all. Enforced before the route runs. */
  maxBodyBytes: number
  /**
   * The route reads the path's `dataset`, which must exist: a 404 otherwise, before the route
   * runs. (Writes create a dataset; routes that never open it only have its name checked.)
   */
  readsDataset?: true
}

/** A named part of the path that the route's pattern guarantees. */
export function pathParam(params: Record<string, string>, name: string): string {
  const value = params[name]
  if (value === undefined) throw new Error(`Route pattern has no "${name}" group`)
  return value
}
