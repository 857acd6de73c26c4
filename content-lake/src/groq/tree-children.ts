/**
 * A syntax tree's node (or array of nodes) with each child passed through `visit`: the same
 * object when no child changed. Query trees are shared between queries (parse.ts keeps them),
 * so rewrites copy only what they change, and copying nothing is what most queries need.
 */
export function withChildren<T>(node: T, visit: (child: unknown) => unknown): T {
  if (Array.isArray(node)) {
    const children = node.map(visit)
    return (children.some((child, i) => child !== node[i]) ? children : node) as T
  }
  const fields = node as Record<string, unknown>
  let copy: Record<string, unknown> | undefined
  for (const key in fields) {
    const child = fields[key]
    const visited = visit(child)
    if (visited !== child) {
      copy ??= {...fields}
      copy[key] = visited
    }
  }
  return (copy ?? node) as T
}
