/**
 * What Studio's presence store receives (sanity's bifurTransport): `i` is the user id, which
 * Studio looks up at `/users/{ids}` for the name and avatar.
 */
export type PresenceEvent =
  | {type: 'rollCall'; i: string; session: string}
  | {type: 'state'; i: string; m: {sessionId: string; locations: unknown[]}}
  | {type: 'disconnect'; i: string; m: {session: string}}

/** One socket in a dataset's presence: whose it is, and how to reach it. */
export interface PresenceMember {
  readonly userId: string
  deliver(event: PresenceEvent): void
}

// A Studio tab announces one session (its id lives in sessionStorage); a few allow for a
// client that restarts its store without closing the socket, and bound what one socket keeps.
const MAX_SESSIONS_PER_SOCKET = 4

/**
 * Who is where, per dataset, in memory only: presence is ephemeral, as on Sanity's platform.
 * Each socket's last announced locations are kept (per session it announced) so that a
 * newcomer sees the others at once and a closed socket's sessions can be cleared for everyone.
 */
export class PresenceHub {
  private readonly datasets = new Map<string, Map<PresenceMember, Map<string, unknown[]>>>()

  join(dataset: string, member: PresenceMember): void {
    let members = this.datasets.get(dataset)
    if (!members) {
      members = new Map()
      this.datasets.set(dataset, members)
    }
    members.set(member, new Map())
  }

  /** The member is gone: its sessions disconnect for everyone else at once. */
  leave(dataset: string, member: PresenceMember): void {
    const members = this.datasets.get(dataset)
    const sessions = members?.get(member)
    if (!members || !sessions) return
    members.delete(member)
    if (members.size === 0) this.datasets.delete(dataset)
    for (const session of sessions.keys()) this.broadcast(dataset, member, {type: 'disconnect', i: member.userId, m: {session}})
  }

  /** Asks everyone else to announce where they are. */
  rollCall(dataset: string, member: PresenceMember, session: string): void {
    this.broadcast(dataset, member, {type: 'rollCall', i: member.userId, session})
  }

  /** Records and passes on a session's locations; false when the socket already has its fill of sessions. */
  announce(dataset: string, member: PresenceMember, sessionId: string, locations: unknown[]): boolean {
    const sessions = this.datasets.get(dataset)?.get(member)
    if (!sessions) return false
    if (!sessions.has(sessionId) && sessions.size >= MAX_SESSIONS_PER_SOCKET) return false
    sessions.set(sessionId, locations)
    this.broadcast(dataset, member, {type: 'state', i: member.userId, m: {sessionId, locations}})
    return true
  }

  /** A session that this socket announced has ended (a tab closing says so before it goes). */
  disconnect(dataset: string, member: PresenceMember, session: string): void {
    const sessions = this.datasets.get(dataset)?.get(member)
    if (!sessions?.delete(session)) return
    this.broadcast(dataset, member, {type: 'disconnect', i: member.userId, m: {session}})
  }

  /** Every other member's sessions as they last announced them. */
  statesFor(dataset: string, member: PresenceMember): PresenceEvent[] {
    const members = this.datasets.get(dataset) ?? new Map<PresenceMember, Map<string, unknown[]>>()
    return [...members].flatMap(([other, sessions]) =>
      other === member ? [] : [...sessions].map(([sessionId, locations]): PresenceEvent => ({type: 'state', i: other.userId, m: {sessionId, locations}})),
    )
  }

  private broadcast(dataset: string, from: PresenceMember, event: PresenceEvent): void {
    for (const member of this.datasets.get(dataset)?.keys() ?? []) {
      if (member !== from) member.deliver(event)
    }
  }
}
