/**
 * What the site's HTTP server (server/index.ts) uses of the app, handed over through the build:
 * app/entry.server.tsx re-exports this module, and the server reads it from the loaded build's
 * `entry.module`. The server never imports app/ itself, so one copy of these modules runs, the
 * same one the routes use (one set of settings, one content watcher, one key cache).
 */
export {configuredProviders} from '~/auth/auth-config.server'
export {startupAkismetCheck} from '~/comments/akismet.server'
export {MAX_COMMENT_REQUEST_BYTES} from '~/comments/comment-config.server'
export {parseEnvironment} from '~/env.server'
export {mailStartupNotice} from '~/mail/mail-env.server'
export {schedulePurges} from '~/privacy/scheduled-purges.server'
export {withRequestId} from '~/request-id.server'
export {watchContentChanges} from '~/sanity/content-changes.server'
export {lakeAnswers} from '~/sanity/lake-readiness.server'
export {recordingPageDependencies} from '~/sanity/page-dependencies.server'
export {configuredPolicySources, contentSecurityPolicy, newScriptNonce} from '~/security/content-security-policy.server'
export {derivedKeys} from '~/security/keys.server'
export {readerTokenProblem} from '~/security/reader-token.server'
export {openSharedState} from '~/security/shared-state.server'
export {writeTokenRoleWarning} from '~/security/write-token-role.server'
