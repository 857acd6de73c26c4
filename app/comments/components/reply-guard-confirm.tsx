import {REPLY_GUARD_FIELD} from '../form-fields'

/**
 * Beside a post author's reply that the server did not publish yet: the words that would tell
 * readers the commenter is their client, and the box to publish it anyway. The same markup
 * comes back from a plain form post without JavaScript.
 */
export function ReplyGuardConfirm({id, question}: {id: string; question: {phrases: string[]; token: string}}) {
  return (
    <fieldset className="reply-guard" id={id}>
      <legend>Check your reply before it is published</legend>
      <p>These words could tell readers that the person you answer is your client:</p>
      <ul>
        {question.phrases.map((phrase) => (
          <li key={phrase}>“{phrase}”</li>
        ))}
      </ul>
      <p>Edit your reply to leave them out, or confirm that it reveals nothing about anyone’s care.</p>
      <p>
        {/* A new question (new text) gets a fresh, unticked box. */}
        <input key={question.token} id={`${id}-confirm`} name={REPLY_GUARD_FIELD} type="checkbox" value={question.token} />{' '}
        <label htmlFor={`${id}-confirm`}>Publish anyway: I have checked these words</label>
      </p>
    </fieldset>
  )
}
