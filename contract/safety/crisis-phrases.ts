/**
 * What a reader in crisis may write about themselves, for clinicians to review. A match holds
 * the comment for a human ("needs care"); it never decides anything else. Each phrase is said
 * in the first person or names the writer ("myself", "without me"), so talk about the topic
 * ("suicide prevention", "people who self-harm") is not in these lists.
 *
 * How to read a phrase: "a/b" is either word, "[a]" may be missing, "…" is up to three
 * other words (see phrase-list.ts). Negations, quotations, idioms and the past are recognised
 * separately (crisis-language.ts), so "I'm not going to kill myself" needs no entry here.
 */

export type CrisisCategory = 'suicidal-ideation' | 'self-harm' | 'harm-to-others'

const ADVERB = '[just/really/honestly/actually/genuinely/literally/sometimes/still/often/seriously]'

export const CRISIS_PHRASES: Record<CrisisCategory, string[]> = {
  'suicidal-ideation': [
    // Saying it
    'kill/killing/hang/hanging/drown/drowning/poison/poisoning/shoot/shooting myself',
    'end/ending/take/taking my [own] life',
    `i ${ADVERB} [just] want/wanted to die`,
    `i ${ADVERB} wish i was/were dead`,
    'wish i could be dead',
    "wish i had/i'd never been born",
    "i'd rather be dead",
    'better off dead',
    "i'm [feeling] suicidal",
    'i feel suicidal',
    "i/i've/i'm [been/still/started/keep] have/having/had suicidal thoughts/feelings",
    "i/i'm/i've [been/keep] thinking about/of suicide/dying",
    "i/i'm/i've [been/keep] have/having/had thoughts of suicide/dying",
    "don't want to exist",
    "wish i didn't exist",
    'no longer want to live',
    'want to disappear',
    "can't stop thinking about suicide/dying",
    'keep thinking about suicide/dying',
    // Not wanting to live
    "don't want to be here/alive anymore",
    "don't want to be alive",
    "don't want to live [anymore]",
    "don't want to wake up",
    'and never/not wake up',
    'never wake up again',
    'tired of living/life',
    'tired of being alive',
    'done with life/living',
    'no point in/of living',
    'no point [in] going on',
    "what's the point of living",
    "what's the point of going on",
    'no reason to live',
    "isn't/not worth living",
    "can't go on [anymore]",
    "don't think i can keep going",
    "can't keep going",
    // Others without them
    'better/happier [off] without me',
    'happier if i was/were gone/dead',
    'better off if i was/were gone/dead',
    'notice/care if i was/were gone/dead',
    'if i [just] disappeared [for good/forever]',
    'disappear/disappeared for good/forever',
    "i'm [just] a burden",
    // Plans and goodbyes
    'end it all',
    'end it tonight',
    'want it [all] to be over',
    'want it all to end',
    'planning to end it',
    'going to overdose',
    'take/taking/swallow/swallowing all/every … pills/pill/meds/tablets',
    'took/taken an overdose',
    "i've overdosed",
    'jump/step in front of a/the train/bus/lorry/truck',
    'saving/saved/stockpiling [up] my pills/meds/tablets',
    'how many pills it would take',
    'have a plan to end/kill',
    "i've picked a date",
    'standing on the bridge/ledge/roof',
    'myself jumping off',
    "i'm going to jump",
    "i've written/wrote my note",
    'written a suicide note',
    "i've said my goodbyes",
    "i've made my peace",
    'want out for good',
    'given away my things',
    'this is my last comment/post/message',
    'goodbye everyone',
    "won't be here/around much longer",
    'not going to be here/around much longer',
    "can't keep myself safe",
  ],
  'self-harm': [
    'cut/cutting/cuts/hurt/hurting/harm/harming/burn/burned/burnt/burning/hit/hitting/punch/punching/scratch/scratching myself',
    'cutting again',
    "i've been cutting",
    'started cutting again',
    'cut/cutting my arms/wrists/legs/thighs',
    "i/i've/i'm [been/started/still] self harming/harm",
    'self harming again',
    'started self harming',
    'until they/it/i bleed',
    'bang/banging my head against the wall',
  ],
  'harm-to-others': [
    "i'm going to … kill/hurt/stab/shoot/strangle/murder/attack him/her/them/you/someone/somebody",
    "i'm going to … kill/hurt/stab/shoot/strangle/murder/attack my baby/babies/kids/children/son/daughter/wife/husband/partner/boss/mum/dad/mother/father",
    "i'll kill/hurt/stab/shoot him/her/them/you",
    `i ${ADVERB} want to kill/hurt/stab/shoot/attack him/her/them/someone/somebody/anyone`,
    'want to hurt/kill the man/woman/person/people',
    'thoughts of hurting/harming/killing my/someone/somebody/people/others/him/her',
    'feel like hurting/killing someone/somebody/anyone/people',
    'imagining/picturing stabbing/killing/hurting/strangling/shooting',
    'make him/her/them [all] pay',
    "get/got/grab/take my [dad's/father's/brother's] gun/knife",
  ],
}

/**
 * Figures of speech that contain a crisis phrase but mean something else. A crisis phrase
 * inside one of these is reported as idiomatic and does not hold the comment.
 */
export const CRISIS_IDIOMS: string[] = [
  'kill/killed/killing myself laughing/trying',
  'die/died/dying of/from embarrassment/laughter/shame/boredom/cuteness',
  'shoot you/me a/an email/message/text/line/note',
  'kill/killing/killed it',
  'could kill him/her/them',
  'with kindness',
]

/**
 * Words that put a phrase in the past when nothing in the sentence brings it back to now:
 * "I used to cut when I was a teenager" is a story, "I used to cut and I started again" is not.
 */
export const PAST_MARKERS: string[] = [
  'used to',
  'years ago',
  'when i was',
  'as a teenager/teen/child/kid',
  'in the past',
  'back then',
  'clean/free [of it] for',
  "i'm so glad i'm still here",
  'grateful i stayed',
]

export const PRESENT_MARKERS: string[] = ['again', 'right now', 'tonight', 'today', 'this week', 'these days', 'lately', 'at the moment', 'anymore']

/** Words that deny what follows them in the same clause ("I would never hurt myself"). */
export const NEGATIONS: string[] = [
  'not',
  'never',
  "don't",
  "didn't",
  "won't",
  "wouldn't",
  "isn't",
  "wasn't",
  "aren't",
  "haven't",
  "hasn't",
  "doesn't",
  'no longer',
]
