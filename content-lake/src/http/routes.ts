import type {RouteDefinition} from './context'
import {actionsRoute} from './routes/actions'
import {uploadRoute} from './routes/assets'
import {docRoute} from './routes/doc'
import {exportRoute} from './routes/export'
import {historyDocumentsRoute, historyEventsRoute, historyTransactionsRoute} from './routes/history'
import {fileRoute} from './routes/files'
import {livenessRoute, readinessRoute} from './routes/health'
import {imageRoute} from './routes/images'
import {getKeyValuesRoute, putKeyValuesRoute} from './routes/keyvalue'
import {listenRoute} from './routes/listen'
import {mutateRoute} from './routes/mutate'
import {aclRoute, createDatasetRoute, projectDatasetsRoute, projectGrantsRoute, projectRoute, userApplicationsRoute} from './routes/projects'
import {queryRoute} from './routes/query'
import {referencesToRoute} from './routes/references'
import {descriptorsClaimRoute, feedbackRoute, helpRoute, moduleVersionRoute} from './routes/studio-checks'
import {authProvidersRoute, featuresRoute, intakeBatchRoute, journeyRoute, pingRoute, schedulesRoute, telemetryStatusRoute} from './routes/studio-support'
import {meRoute, usersRoute} from './routes/users'

// `/v1`, `/vX` or a dated version such as `/v2025-02-19`, as the hosted API accepts.
const V = String.raw`/v(?<apiVersion>1|X|\d{4}-\d{2}-\d{2})`
const DATASET = `(?<dataset>[^/]+)`
// The CDN's paths (no API version): `/{projectId}/{dataset}/{name}`, then an optional vanity name.
const CDN_ASSET = `/(?<projectId>[^/]+)/${DATASET}/(?<name>[^/]+)(?:/(?<vanity>[^/]+))?`
const PROJECT = `/projects/(?<projectId>[^/]+)`

// Body limits: GROQ and small settings are small; transactions carry whole documents; uploads are files.
const NO_BODY = 0
const KiB = 1024
const MiB = 1024 * KiB
const QUERY_BODY = 1 * MiB
const TRANSACTION_BODY = 4 * MiB
const UPLOAD_BODY = 50 * MiB
const SMALL_BODY = 256 * KiB
// Two short identifiers.
const CLAIM_BODY = 4 * KiB
// A Sentry envelope's header and a message; an attached screenshot is refused (413) as undeliverable anyway.
const FEEDBACK_BODY = 64 * KiB

/**
 * Every endpoint of the lake. Before a route runs, its body limit holds and a `dataset` in the
 * path has a valid name and, for a route that reads it, exists.
 */
export const ROUTES: RouteDefinition[] = [
  // For the process supervisor and load balancer: not part of the hosted API.
  {methods: ['GET', 'HEAD'], pattern: /^\/healthz$/, route: livenessRoute, maxBodyBytes: NO_BODY},
  {methods: ['GET', 'HEAD'], pattern: /^\/readyz$/, route: readinessRoute, maxBodyBytes: NO_BODY},
  {methods: ['GET', 'POST'], pattern: new RegExp(`^${V}/data/query/${DATASET}$`), route: queryRoute, maxBodyBytes: QUERY_BODY, readsDataset: true},
  {methods: ['POST'], pattern: new RegExp(`^${V}/data/mutate/${DATASET}$`), route: mutateRoute, maxBodyBytes: TRANSACTION_BODY},
  {methods: ['POST'], pattern: new RegExp(`^${V}/data/actions/${DATASET}$`), route: actionsRoute, maxBodyBytes: TRANSACTION_BODY},
  {methods: ['GET'], pattern: new RegExp(`^${V}/data/doc/${DATASET}/(?<ids>.+)$`), route: docRoute, maxBodyBytes: NO_BODY, readsDataset: true},
  {methods: ['GET'], pattern: new RegExp(`^${V}/data/listen/${DATASET}$`), route: listenRoute, maxBodyBytes: NO_BODY, readsDataset: true},
  {methods: ['GET'], pattern: new RegExp(`^${V}/data/export/${DATASET}$`), route: exportRoute, maxBodyBytes: NO_BODY, readsDataset: true},
  {
    methods: ['GET'],
    pattern: new RegExp(`^${V}/data/history/${DATASET}/transactions/(?<ids>.+)$`),
    route: historyTransactionsRoute,
    maxBodyBytes: NO_BODY,
    readsDataset: true,
  },
  {
    methods: ['GET'],
    pattern: new RegExp(`^${V}/data/history/${DATASET}/documents/(?<ids>.+)$`),
    route: historyDocumentsRoute,
    maxBodyBytes: NO_BODY,
    readsDataset: true,
  },
  {
    methods: ['GET'],
    pattern: new RegExp(`^${V}/data/history/${DATASET}/events/documents/(?<id>[^/]+)$`),
    route: historyEventsRoute,
    maxBodyBytes: NO_BODY,
    readsDataset: true,
  },
  {methods: ['POST'], pattern: new RegExp(`^${V}/assets/images/${DATASET}$`), route: uploadRoute('image'), maxBodyBytes: UPLOAD_BODY},
  {methods: ['POST'], pattern: new RegExp(`^${V}/assets/files/${DATASET}$`), route: uploadRoute('file'), maxBodyBytes: UPLOAD_BODY},
  {methods: ['GET', 'HEAD'], pattern: new RegExp(`^/images${CDN_ASSET}$`), route: imageRoute, maxBodyBytes: NO_BODY, readsDataset: true},
  {methods: ['GET', 'HEAD'], pattern: new RegExp(`^/files${CDN_ASSET}$`), route: fileRoute, maxBodyBytes: NO_BODY, readsDataset: true},
  // Users, projects and the hosted platform's small endpoints, for Studio.
  {methods: ['GET'], pattern: new RegExp(`^${V}/users/me$`), route: meRoute, maxBodyBytes: NO_BODY},
  {methods: ['GET'], pattern: new RegExp(`^${V}/users/me/keyvalue/(?<keys>[^/]+)$`), route: getKeyValuesRoute, maxBodyBytes: NO_BODY},
  {methods: ['PUT'], pattern: new RegExp(`^${V}/users/me/keyvalue$`), route: putKeyValuesRoute, maxBodyBytes: SMALL_BODY},
  {methods: ['GET'], pattern: new RegExp(`^${V}/users/(?<ids>(?!me$)[^/]+)$`), route: usersRoute, maxBodyBytes: NO_BODY},
  {methods: ['GET'], pattern: new RegExp(`^${V}${PROJECT}$`), route: projectRoute, maxBodyBytes: NO_BODY},
  {methods: ['GET'], pattern: new RegExp(`^${V}${PROJECT}/datasets$`), route: projectDatasetsRoute, maxBodyBytes: NO_BODY},
  // @sanity/client's `datasets.create(name)` (and so `sanity dataset create`).
  {methods: ['PUT'], pattern: new RegExp(`^${V}/datasets/${DATASET}$`), route: createDatasetRoute, maxBodyBytes: SMALL_BODY},
  {methods: ['GET'], pattern: new RegExp(`^${V}${PROJECT}/datasets/${DATASET}/acl$`), route: aclRoute, maxBodyBytes: NO_BODY},
  {methods: ['GET'], pattern: new RegExp(`^${V}${PROJECT}/user-applications$`), route: userApplicationsRoute, maxBodyBytes: NO_BODY},
  {methods: ['GET'], pattern: new RegExp(`^${V}${PROJECT}/grants$`), route: projectGrantsRoute, maxBodyBytes: NO_BODY},
  {methods: ['GET', 'HEAD'], pattern: new RegExp(`^(?:${V})?/ping$`), route: pingRoute, maxBodyBytes: NO_BODY},
  {methods: ['GET', 'HEAD'], pattern: new RegExp(`^${V}/data/ping/${DATASET}$`), route: pingRoute, maxBodyBytes: NO_BODY},
  {methods: ['GET'], pattern: new RegExp(`^${V}/auth/providers$`), route: authProvidersRoute, maxBodyBytes: NO_BODY},
  {methods: ['GET'], pattern: new RegExp(`^${V}/features$`), route: featuresRoute, maxBodyBytes: NO_BODY},
  {methods: ['GET'], pattern: new RegExp(`^${V}/journey/.+$`), route: journeyRoute, maxBodyBytes: NO_BODY},
  {methods: ['GET'], pattern: new RegExp(`^${V}/intake/telemetry-status$`), route: telemetryStatusRoute, maxBodyBytes: NO_BODY},
  {methods: ['POST'], pattern: new RegExp(`^${V}/intake/batch$`), route: intakeBatchRoute, maxBodyBytes: SMALL_BODY},
  {
    methods: ['GET'],
    pattern: new RegExp(`^${V}/data/references/${DATASET}/documents/(?<id>[^/]+)/to$`),
    route: referencesToRoute,
    maxBodyBytes: NO_BODY,
    readsDataset: true,
  },
  {methods: ['GET'], pattern: new RegExp(`^${V}/help$`), route: helpRoute, maxBodyBytes: NO_BODY},
  {
    methods: ['GET'],
    // The range is `^` and a version (the browser may send the caret as %5E); t… is a cache breaker.
    pattern: /^\/v1\/modules\/(?<packageName>[a-z@][\w.@-]*)\/(?<tag>[\w.-]+)\/(?:\^|%5E)(?<version>\d+\.\d+\.\d+(?:-[\w.]+)?)\/t\d+$/,
    route: moduleVersionRoute,
    maxBodyBytes: NO_BODY,
  },
  // Anonymous (Studio's probe sends no credentials), answered from the body alone: nothing is kept.
  {methods: ['POST'], pattern: /^\/vX\/intake\/feedback$/, route: feedbackRoute, maxBodyBytes: FEEDBACK_BODY},
  {methods: ['POST'], pattern: new RegExp(`^${V}/descriptors/claim$`), route: descriptorsClaimRoute, maxBodyBytes: CLAIM_BODY},
  {methods: ['GET'], pattern: new RegExp(`^${V}/schedules/(?<projectId>[^/]+)/${DATASET}$`), route: schedulesRoute, maxBodyBytes: NO_BODY},
]
