import type {RouteDefinition} from './context'
import {actionsRoute} from './routes/actions'
import {uploadRoute} from './routes/assets'
import {docRoute} from './routes/doc'
import {exportRoute} from './routes/export'
import {historyDocumentsRoute, historyEventsRoute, historyTransactionsRoute} from './routes/history'
import {fileRoute} from './routes/files'
import {imageRoute} from './routes/images'
import {getKeyValuesRoute, putKeyValuesRoute} from './routes/keyvalue'
import {listenRoute} from './routes/listen'
import {mutateRoute} from './routes/mutate'
import {aclRoute, projectDatasetsRoute, projectRoute, userApplicationsRoute} from './routes/projects'
import {queryRoute} from './routes/query'
import {
  authProvidersRoute,
  featuresRoute,
  intakeBatchRoute,
  journeyRoute,
  pingRoute,
  schedulesRoute,
  telemetryStatusRoute,
} from './routes/studio-support'
import {meRoute, usersRoute} from './routes/users'

// `/v1`, `/vX` or a dated version such as `/v2025-02-19`, as the hosted API accepts.
const V = String.raw`/v(?<apiVersion>1|X|\d{4}-\d{2}-\d{2})`
const DATASET = String.raw`(?<dataset>[^/]+)`
// The CDN's paths (no API version): `/{projectId}/{dataset}/{name}`, then an optional vanity name.
const CDN_ASSET = String.raw`/(?<projectId>[^/]+)/${DATASET}/(?<name>[^/]+)(?:/(?<vanity>[^/]+))?`
const PROJECT = String.raw`/projects/(?<projectId>[^/]+)`

/** Every endpoint of the lake; a `dataset` group is validated before the route runs. */
export const ROUTES: RouteDefinition[] = [
  {methods: ['GET', 'POST'], pattern: new RegExp(`^${V}/data/query/${DATASET}$`), route: queryRoute},
  {methods: ['POST'], pattern: new RegExp(`^${V}/data/mutate/${DATASET}$`), route: mutateRoute},
  {methods: ['POST'], pattern: new RegExp(`^${V}/data/actions/${DATASET}$`), route: actionsRoute},
  {methods: ['GET'], pattern: new RegExp(`^${V}/data/doc/${DATASET}/(?<ids>.+)$`), route: docRoute},
  {methods: ['GET'], pattern: new RegExp(`^${V}/data/listen/${DATASET}$`), route: listenRoute},
  {methods: ['GET'], pattern: new RegExp(`^${V}/data/export/${DATASET}$`), route: exportRoute},
  {methods: ['GET'], pattern: new RegExp(`^${V}/data/history/${DATASET}/transactions/(?<ids>.+)$`), route: historyTransactionsRoute},
  {methods: ['GET'], pattern: new RegExp(`^${V}/data/history/${DATASET}/documents/(?<ids>.+)$`), route: historyDocumentsRoute},
  {methods: ['GET'], pattern: new RegExp(`^${V}/data/history/${DATASET}/events/documents/(?<id>[^/]+)$`), route: historyEventsRoute},
  {methods: ['POST'], pattern: new RegExp(`^${V}/assets/images/${DATASET}$`), route: uploadRoute('image')},
  {methods: ['POST'], pattern: new RegExp(`^${V}/assets/files/${DATASET}$`), route: uploadRoute('file')},
  {methods: ['GET', 'HEAD'], pattern: new RegExp(`^/images${CDN_ASSET}$`), route: imageRoute},
  {methods: ['GET', 'HEAD'], pattern: new RegExp(`^/files${CDN_ASSET}$`), route: fileRoute},
  // Users, projects and the hosted platform's small endpoints, for Studio.
  {methods: ['GET'], pattern: new RegExp(`^${V}/users/me$`), route: meRoute},
  {methods: ['GET'], pattern: new RegExp(`^${V}/users/me/keyvalue/(?<keys>[^/]+)$`), route: getKeyValuesRoute},
  {methods: ['PUT'], pattern: new RegExp(`^${V}/users/me/keyvalue$`), route: putKeyValuesRoute},
  {methods: ['GET'], pattern: new RegExp(`^${V}/users/(?<ids>(?!me$)[^/]+)$`), route: usersRoute},
  {methods: ['GET'], pattern: new RegExp(`^${V}${PROJECT}$`), route: projectRoute},
  {methods: ['GET'], pattern: new RegExp(`^${V}${PROJECT}/datasets$`), route: projectDatasetsRoute},
  {methods: ['GET'], pattern: new RegExp(`^${V}${PROJECT}/datasets/${DATASET}/acl$`), route: aclRoute},
  {methods: ['GET'], pattern: new RegExp(`^${V}${PROJECT}/user-applications$`), route: userApplicationsRoute},
  {methods: ['GET', 'HEAD'], pattern: new RegExp(`^(?:${V})?/ping$`), route: pingRoute},
  {methods: ['GET', 'HEAD'], pattern: new RegExp(`^${V}/data/ping/${DATASET}$`), route: pingRoute},
  {methods: ['GET'], pattern: new RegExp(`^${V}/auth/providers$`), route: authProvidersRoute},
  {methods: ['GET'], pattern: new RegExp(`^${V}/features$`), route: featuresRoute},
  {methods: ['GET'], pattern: new RegExp(`^${V}/journey/.+$`), route: journeyRoute},
  {methods: ['GET'], pattern: new RegExp(`^${V}/intake/telemetry-status$`), route: telemetryStatusRoute},
  {methods: ['POST'], pattern: new RegExp(`^${V}/intake/batch$`), route: intakeBatchRoute},
  {methods: ['GET'], pattern: new RegExp(`^${V}/schedules/(?<projectId>[^/]+)/${DATASET}$`), route: schedulesRoute},
]
