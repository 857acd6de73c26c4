/**
 * What makes a public comment disclose someone's health, for clinicians to review. Used in
 * the browser as the reader types (keep it short: every word here ships with the post page)
 * and on the server. Phrase syntax as in crisis-phrases.ts: "a/b" either word, "[a]" may be
 * missing, "…" up to three other words.
 */

/** Conditions people name when they disclose a diagnosis (their own or someone's). */
export const CONDITIONS =
  "depression/anxiety/bipolar/schizophrenia/schizoaffective/psychosis/ptsd/cptsd/ocd/adhd/autism/asperger's/bpd/eupd/anorexia/bulimia/arfid/did/hiv/cancer/epilepsy/endometriosis/pcos/alcoholism/addiction/dementia/agoraphobia/insomnia"

/** Said of oneself: "I'm bipolar". */
const CONDITION_ADJECTIVES = 'bipolar/autistic/schizophrenic/anorexic/bulimic/alcoholic/psychotic/epileptic/diabetic/hiv'

/** Medicines as readers name them, generic and brand. */
const MEDICINES =
  'sertraline/fluoxetine/citalopram/escitalopram/venlafaxine/mirtazapine/duloxetine/paroxetine/lithium/quetiapine/olanzapine/aripiprazole/lamotrigine/diazepam/lorazepam/propranolol/methylphenidate/ritalin/adderall/prozac/zoloft/xanax/valium/lexapro/seroquel/wellbutrin/bupropion/methadone/antidepressants/antipsychotics/medication/meds'

/** First-person statements of a diagnosis or a medicine. */
export const DIAGNOSIS_OR_MEDICATION: string[] = [
  "i/i'm/i've … diagnosed",
  'my diagnosis',
  // "I have" reads as "i've" once normalised.
  `i've [got/had/still] ${CONDITIONS}`,
  `i/i've [been/still] got/had/suffer/suffered/live/lived/living … ${CONDITIONS}`,
  `my ${CONDITIONS}`,
  `i'm [an] ${CONDITION_ADJECTIVES}`,
  `i'm [still] on/taking … ${MEDICINES}`,
  `i/i've [been] take/taking/took/started/stopped/prescribed … ${MEDICINES}`,
  `i was prescribed … ${MEDICINES}`,
  'my medication/meds/prescription/dose/psychiatrist',
]

/** Words that, beside a person's full name, tell something about their health. */
export const HEALTH_WORDS: string[] = [
  CONDITIONS,
  'diagnosed/diagnosis/therapy/therapist/psychiatrist/medication/rehab/overdose/suicide/suicidal/sectioned/relapse/relapsed',
  'eating disorder',
  'self harm/harming',
]

/** How a commenter says a clinician is theirs: "my therapist", "sessions with". */
export const OWN_CLINICIAN: string[] = [
  'my therapist/counsellor/counselor/psychologist/psychiatrist/clinician/doctor',
  'session/sessions/appointment/appointments with',
  "i'm/i've [been] seeing",
  'i see',
  'treated/treating/helped by',
  'client/patient of',
  'our/my last/next session/appointment',
  'in session',
]
