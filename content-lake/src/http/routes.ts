import type {RouteDefinition} from './context'
import {actionsRoute} from './routes/actions'
import {uploadRoute} from './routes/assets'
import {docRoute} from './routes/doc'
import {historyDocumentsRoute, historyEventsRoute, historyTransactionsRoute} from './routes/history'
import {fileRoute} from './routes/files'
import {imageRoute} from './routes/images'
import {listenRoute} from './routes/listen'
import {mutateRoute} from './routes/mutate'
import {queryRoute} from './routes/query'

// `/v1`, `/vX` or a dated version such as `/v2025-02-19`, as the hosted API accepts.
const V = String.raw`/v(?<apiVersion>1|X|\d{4}-\d{2}-\d{2})`
const DATASET = String.raw`(?<dataset>[^/]+)`
// The CDN's paths (no API version): `/{projectId}/{dataset}/{name}`, then an optional vanity name.
const CDN_ASSET = String.raw`/(?<projectId>[^/]+)/${DATASET}/(?<name>[^/]+)(?:/(?<vanity>[^/]+))?`

/** Every endpoint of the lake; a `dataset` group is validated before the route runs. */
export const ROUTES: RouteDefinition[] = [
  {methods: ['GET', 'POST'], pattern: new RegExp(`^${V}/data/query/${DATASET}$`), route: queryRoute},
  {methods: ['POST'], pattern: new RegExp(`^${V}/data/mutate/${DATASET}$`), route: mutateRoute},
  {methods: ['POST'], pattern: new RegExp(`^${V}/data/actions/${DATASET}$`), route: actionsRoute},
  {methods: ['GET'], pattern: new RegExp(`^${V}/data/doc/${DATASET}/(?<ids>.+)$`), route: docRoute},
  {methods: ['GET'], pattern: new RegExp(`^${V}/data/listen/${DATASET}$`), route: listenRoute},
  {methods: ['GET'], pattern: new RegExp(`^${V}/data/history/${DATASET}/transactions/(?<ids>.+)$`), route: historyTransactionsRoute},
  {methods: ['GET'], pattern: new RegExp(`^${V}/data/history/${DATASET}/documents/(?<ids>.+)$`), route: historyDocumentsRoute},
  {methods: ['GET'], pattern: new RegExp(`^${V}/data/history/${DATASET}/events/documents/(?<id>[^/]+)$`), route: historyEventsRoute},
  {methods: ['POST'], pattern: new RegExp(`^${V}/assets/images/${DATASET}$`), route: uploadRoute('image')},
  {methods: ['POST'], pattern: new RegExp(`^${V}/assets/files/${DATASET}$`), route: uploadRoute('file')},
  {methods: ['GET', 'HEAD'], pattern: new RegExp(`^/images${CDN_ASSET}$`), route: imageRoute},
  {methods: ['GET', 'HEAD'], pattern: new RegExp(`^/files${CDN_ASSET}$`), route: fileRoute},
]
