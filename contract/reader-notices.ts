/**
 * What readers are told beside the comment form, above a sensitive post and in the footer
 * (Site settings › Reader safety, decision 0205). Plain data: Studio's initial values and the
 * site's fallbacks for settings an editor never saved, so both say the same thing.
 *
 * The wording follows safe-messaging guidance: direct, warm, no judgement, help named first.
 */

/** One way to get help now: what the reader sees, and where the link goes (call, text, web). */
export interface CrisisResource {
  text: string
  link?: string
}

export interface CrisisNotice {
  heading: string
  resources: CrisisResource[]
  /** Says plainly that comments are not watched around the clock. */
  note: string
}

/** Schemes a crisis resource may link to: a phone call, a text message, a web page. */
export const CRISIS_LINK_SCHEMES = ['tel:', 'sms:', 'https:', 'http:'] as const

export const CRISIS_NOTICE_DEFAULTS: CrisisNotice = {
  heading: 'If you are in crisis or thinking about suicide',
  resources: [
    {text: 'Call 988, the Suicide & Crisis Lifeline (US), any time', link: 'tel:988'},
    {text: 'Text 988 to reach the Lifeline by text', link: 'sms:988'},
    {text: 'Text HOME to 741741 to reach the Crisis Text Line', link: 'sms:741741?&body=HOME'},
    {text: 'In an emergency, call 911', link: 'tel:911'},
  ],
  note: 'Comments here are read by the practice during office hours, not around the clock. If you need help now, please reach out to one of these; you deserve support today.',
}

/** Shown, with the crisis notice, on a comment held because its writer may be in crisis; to them alone. */
export const CARE_MESSAGE_DEFAULT =
  'Thank you for sharing this. Your comment is not public yet: a person at the practice will read it. If you are struggling right now, you don’t have to wait for a reply. You can talk to someone today:'

export const NOT_ADVICE_DEFAULT =
  'Posts and comments here are general information, not medical or mental-health advice. Commenting does not create a therapist–client relationship.'

/** Shown above a post marked "sensitive topic" when the editor wrote no note of their own. */
export const CONTENT_NOTE_DEFAULT =
  'This post discusses a difficult subject, which may include suicide, self-harm or trauma. Please read at your own pace and take care of yourself; help is listed beside the comment form.'

export const APPOINTMENT_LABEL_DEFAULT = 'Request an appointment'
