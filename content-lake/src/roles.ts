/**
 * The roles a token can have, named and titled as in a hosted Sanity project (plus the lake's
 * own `reader`), and what each may do. Everything the lake allows or refuses follows from this
 * table.
 */
export type Role = 'reader' | 'viewer' | 'editor' | 'administrator'

/** Sanity's document permissions, as Studio checks them against the dataset's ACL. */
export type DocumentPermission = 'read' | 'create' | 'update' | 'history'

export interface RoleDefinition {
  title: string
  /** Mutations, actions and asset uploads. */
  canWrite: boolean
  /** Drafts, versions and other documents whose id has a dot. */
  canReadPrivate: boolean
  permissions: readonly DocumentPermission[]
}

export const ROLES: Readonly<Record<Role, RoleDefinition>> = {
  // The lake's own: reads exactly what anonymous callers read, but as a known client, whose
  // queries are served ahead of anonymous ones (a flood of anonymous queries cannot starve the
  // site's pages). Hosted Sanity has no such role: there the site reads token-less via the CDN.
  reader: {title: 'Public reader', canWrite: false, canReadPrivate: false, permissions: ['read']},
  viewer: {title: 'Viewer', canWrite: false, canReadPrivate: true, permissions: ['read', 'history']},
  editor: {title: 'Editor', canWrite: true, canReadPrivate: true, permissions: ['read', 'create', 'update', 'history']},
  administrator: {
    title: 'Administrator',
    canWrite: true,
    canReadPrivate: true,
    permissions: ['read', 'create', 'update', 'history'],
  },
}

/** A role as the hosted API lists it on users and project members. */
export function roleSummary(role: Role): {name: Role; title: string} {
  return {name: role, title: ROLES[role].title}
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && Object.hasOwn(ROLES, value)
}

/** One entry of a dataset's access control list, in the hosted API's shape. */
export interface Grant {
  filter: string
  permissions: DocumentPermission[]
}

/**
 * The grants `/acl` reports. Without a token only published documents are readable, and
 * `path("*")` matches exactly the ids without a dot; a role covers every id (`path("**")`).
 */
export function grantsFor(role: Role | null): Grant[] {
  if (role === null || !ROLES[role].canReadPrivate) return [{filter: '_id in path("*")', permissions: ['read']}]
  return [{filter: '_id in path("**")', permissions: [...ROLES[role].permissions]}]
}
