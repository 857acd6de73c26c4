/**
 * Who counts as staff in the moderation view: the roles that moderate (they write), the lake's
 * `administrator` and `editor`, named as in a hosted Sanity project. Only staff search by and
 * see commenters' email addresses, and only staff get the bulk decisions; a `viewer` (read-only,
 * say a supervisor reviewing the log) sees the comments without them.
 */
export const STAFF_ROLES: readonly string[] = ['administrator', 'editor']

export function isStaff(user: {roles?: readonly {name: string}[]} | null | undefined): boolean {
  return user?.roles?.some((role) => STAFF_ROLES.includes(role.name)) ?? false
}
