import type {Check} from '../comment-pipeline.server'
import {HONEYPOT_FIELD} from '../form-fields'

/** A field hidden from people (and from assistive technology) that only bots fill in. */
export const honeypotCheck: Check = {
  name: 'honeypot',
  run: ({form}) => {
    const value = form.get(HONEYPOT_FIELD)
    return typeof value === 'string' && value.trim() !== '' ? {outcome: 'spam', reason: 'Filled in a field hidden from people.', spamVerdict: 'blatant'} : null
  },
}
