import {type ActionHandler, fail} from './context'

// Actions of hosted features this lake does not have. `GET /features` tells Studio so, and Studio
// then offers none of them; a caller that sends one anyway gets a plain 400 naming the feature
// (Studio itself sends `release.create` with `dryRun` as a permission probe, and reads a 4xx as "no").

function unavailable(feature: string): ActionHandler {
  return (action, {index}) => {
    throw fail(400, index, 'validationError', `Action "${String(action.actionType)}" is not supported by this lake: it has no ${feature}`)
  }
}

const releases = unavailable('content releases')
const variants = unavailable('document variants')

export const unavailableActions: Record<string, ActionHandler> = Object.fromEntries([
  ...['create', 'edit', 'publish', 'archive', 'unarchive', 'schedule', 'unschedule', 'delete', 'import'].map((name) => [
    `sanity.action.release.${name}`,
    releases,
  ]),
  ...['create', 'edit', 'delete', 'publish', 'unpublish'].map((name) => [`sanity.action.document.variant.${name}`, variants]),
  ...['create', 'edit', 'delete'].map((name) => [`sanity.action.variant.definition.${name}`, variants]),
])
