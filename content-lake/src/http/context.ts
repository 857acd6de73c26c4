import type {IncomingMessage} from 'node:http'
import type {Access, ContentLake} from '../lake'

/** What a route gets: the parsed address, the caller's access and the lake. */
export interface RouteContext {
  req: IncomingMessage
  url: URL
  apiVersion: string
  dataset: string
  /** Path segments after the dataset, e.g. the ids of `/data/doc/{dataset}/{ids}`. */
  rest: string
  access: Access
  lake: ContentLake
}

/** A route answers with a JSON body (status 200) or throws an HttpError. */
export type Route = (context: RouteContext) => Promise<unknown>
