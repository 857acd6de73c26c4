import type {RouteDefinition} from './context'
import {actionsRoute} from './routes/actions'
import {docRoute} from './routes/doc'
import {listenRoute} from './routes/listen'
import {mutateRoute} from './routes/mutate'
import {queryRoute} from './routes/query'

// `/v1`, `/vX` or a dated version such as `/v2025-02-19`, as the hosted API accepts.
const V = String.raw`/v(?<apiVersion>1|X|\d{4}-\d{2}-\d{2})`
const DATASET = String.raw`(?<dataset>[^/]+)`

/** Every endpoint of the lake; a `dataset` group is validated before the route runs. */
export const ROUTES: RouteDefinition[] = [
  {methods: ['GET', 'POST'], pattern: new RegExp(`^${V}/data/query/${DATASET}$`), route: queryRoute},
  {methods: ['POST'], pattern: new RegExp(`^${V}/data/mutate/${DATASET}$`), route: mutateRoute},
  {methods: ['POST'], pattern: new RegExp(`^${V}/data/actions/${DATASET}$`), route: actionsRoute},
  {methods: ['GET'], pattern: new RegExp(`^${V}/data/doc/${DATASET}/(?<ids>.+)$`), route: docRoute},
  {methods: ['GET'], pattern: new RegExp(`^${V}/data/listen/${DATASET}$`), route: listenRoute},
]
