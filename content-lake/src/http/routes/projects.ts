import type {ContentLake} from '../../lake'
import {grantsFor, roleSummary} from '../../roles'
import {requireUser} from '../auth'
import {pathParam, type Route} from '../context'
import {apiError} from '../errors'
import {flag, readJsonObject} from '../request'

/** The lake is one project; asking for another is a misconfigured client, answered as the hosted API does. */
function requireProject(params: Record<string, string>, lake: ContentLake): string {
  const projectId = pathParam(params, 'projectId')
  if (projectId !== lake.config.projectId) {
    throw apiError(404, `Project "${projectId}" not found: this lake is project "${lake.config.projectId}" (CONTENT_LAKE_PROJECT_ID)`)
  }
  return projectId
}

/** `GET /v{apiVersion}/projects/{projectId}`: the project, with the tokens' users as its members. */
export const projectRoute: Route = async ({url, params, access, lake}) => {
  const projectId = requireProject(params, lake)
  const me = requireUser(access, lake.tokens.current())
  return {
    id: projectId,
    displayName: projectId,
    studioHost: null,
    isBlocked: false,
    isDisabled: false,
    isDisabledByUser: false,
    metadata: {},
    organizationId: null,
    pendingInvites: 0,
    features: [],
    ...(flag(url.searchParams, 'includeMembers', true)
      ? {
          members: lake.tokens.current().map((token) => ({
            id: token.userId,
            role: token.role,
            roles: [roleSummary(token.role)],
            isRobot: false,
            isCurrentUser: token === me,
          })),
        }
      : {}),
  }
}

/**
 * `GET /v{apiVersion}/projects/{projectId}/datasets?datasetProfile=…`: add-on datasets (Studio
 * asks for the comments one) do not exist here. Listing the datasets themselves is not offered.
 */
export const projectDatasetsRoute: Route = async ({url, params, lake}) => {
  requireProject(params, lake)
  if (!url.searchParams.has('datasetProfile')) {
    throw apiError(404, 'Listing datasets is not supported')
  }
  return []
}

/**
 * `PUT /v{apiVersion}/datasets/{dataset}` with `{aclMode?}`: an administrator creates an empty
 * dataset. (A first write with a write token creates one too.) Every dataset here is public:
 * without a token, published documents are readable.
 */
export const createDatasetRoute: Route = async ({req, params, access, lake}) => {
  requireUser(access, lake.tokens.current())
  if (access.role !== 'administrator') throw apiError(403, 'Creating a dataset requires an administrator token')
  const {aclMode = 'public'} = await readJsonObject(req)
  if (aclMode !== 'public') throw apiError(400, 'This lake has public datasets only: "aclMode" must be "public"')
  const dataset = pathParam(params, 'dataset')
  if (!lake.createDataset(dataset)) throw apiError(409, `Dataset "${dataset}" already exists`)
  return {datasetName: dataset, aclMode}
}

/** `GET /v{apiVersion}/projects/{projectId}/datasets/{dataset}/acl`: the caller's grants, which Studio checks every document against. */
export const aclRoute: Route = async ({params, access, lake}) => {
  requireProject(params, lake)
  return grantsFor(access.role)
}

/** `GET /v{apiVersion}/projects/{projectId}/user-applications`: no deployed Studios or apps. */
export const userApplicationsRoute: Route = async ({params, lake}) => {
  requireProject(params, lake)
  return []
}

/**
 * `GET /v{apiVersion}/projects/{projectId}/grants`: project-level grants, which Studio 6 reads to
 * offer inviting members and to upload its schema (a `deployStudio` grant). Neither exists here.
 */
export const projectGrantsRoute: Route = async ({params, lake}) => {
  requireProject(params, lake)
  return {}
}
