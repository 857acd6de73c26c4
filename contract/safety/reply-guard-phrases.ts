/**
 * What in a clinician's public reply would tell readers that the commenter is their client.
 * The clinician is shown the phrases found and confirms before the reply is published. Phrase
 * syntax as in crisis-phrases.ts: "a/b" either word, "[a]" may be missing, "…" up to three
 * other words.
 */
export const TREATMENT_RELATIONSHIP_PHRASES: string[] = [
  // Sessions and appointments they shared
  'as we discussed/said/talked/agreed',
  'we discussed/talked about … in session',
  'in session/sessions',
  'in/at our [last/next/previous/first] session/sessions/appointment/appointments/meeting',
  'your [last/next/previous/first] session/sessions/appointment/appointments',
  'when we met/spoke [last]',
  'when you came/come in',
  'see you next/on week/tuesday/monday/wednesday/thursday/friday/saturday',
  // Their care
  'your diagnosis/treatment/medication/meds/prescription/dose/therapy/care/assessment/file/notes/records/progress/referral/symptoms',
  'your treatment/care/safety plan',
  'our work together',
  'as your therapist/counsellor/counselor/psychologist/psychiatrist/clinician/doctor',
  'your therapist/counsellor/counselor/psychologist/psychiatrist/clinician',
  "you've been making/made progress",
  'i prescribed',
]
