import type {IdentifiedSanityDocumentStub as SeedDocument} from '@sanity/client'

/**
 * The blog's first content: "Life in Balance", the blog of Wilder Therapy and Wellness, and
 * its post of 2013-07-25, as captured from WordPress.com (`original-post.txt` beside this file).
 * The text is kept exactly, typos included ("GooodTherapy.org"); the page's noise is left out.
 */

type Span = {_type: 'span'; _key: string; text: string; marks: string[]}
type Block = {
  _type: 'block'
  _key: string
  style: 'normal' | 'h2' | 'blockquote'
  markDefs: {_type: 'link'; _key: string; href: string}[]
  children: Span[]
}

// Fixed keys keep the seed byte-for-byte identical on every run.
function block(key: string, style: Block['style'], text: string): Block {
  return {_type: 'block', _key: key, style, markDefs: [], children: [{_type: 'span', _key: `${key}s0`, text, marks: []}]}
}

const GOODTHERAPY_SEXUALITY = 'https://www.goodtherapy.org/learn-about-therapy/issues/sexuality'

export const SITE_SETTINGS_ID = 'siteSettings'
export const AUTHOR_ID = 'author-jami-wilder'
export const CATEGORY_ID = 'category-sexual-health'
export const POST_ID = 'post-hold-on-we-dont-do-that'

export const siteSettings: SeedDocument = {
  _id: SITE_SETTINGS_ID,
  _type: 'siteSettings',
  title: 'Life in Balance',
  tagline: 'The blog of Wilder Therapy and Wellness',
  practiceName: 'Wilder Therapy and Wellness',
  practiceLocation: 'Cranston, RI',
  timeZone: 'America/New_York',
}

export const author: SeedDocument = {
  _id: AUTHOR_ID,
  _type: 'author',
  name: 'Dr. Jami Wilder',
  slug: {_type: 'slug', current: 'jami-wilder'},
  credentials: 'Psy.D.',
  bio: 'Jami Wilder, Psy.D. is co-owner of Wilder Therapy and Wellness in Cranston, RI.',
}

// The post's opening says the month's theme at Life in Balance was sexual health.
export const category: SeedDocument = {
  _id: CATEGORY_ID,
  _type: 'category',
  title: 'Sexual Health',
  slug: {_type: 'slug', current: 'sexual-health'},
}

export const post: SeedDocument = {
  _id: POST_ID,
  _type: 'post',
  title: '“Hold On. We Don’t Do That” – Sex Therapy v. Sexual Surrogacy',
  slug: {_type: 'slug', current: 'hold-on-we-dont-do-that-sex-therapy-v-sexual-surrogacy'},
  // The capture gives the day only; morning in the practice's time zone keeps it on that day.
  publishedAt: '2013-07-25T13:00:00Z',
  author: {_type: 'reference', _ref: AUTHOR_ID},
  categories: [{_type: 'reference', _ref: CATEGORY_ID, _key: 'sexual-health'}],
  body: [
    block('p01', 'normal', 'The universe has impeccable timing. As we have focused this month here at Life in Balance on sexual health, we have also received several inquiries at our private practice about sexual surrogacy. The inquiries start in a similar fashion:'),
    block('p02', 'normal', '“I’m looking for a sex therapist.” – Great, we do that.'),
    block('p03', 'normal', '“I am hoping to find someone to help me do (insert sexual act here). Will we do it in your office?” – Hold on, we don’t do that.'),
    block('p04', 'normal', 'As we talk a little further, we find that some people are looking for sexual surrogacy services. The terms sex therapy and sexual surrogacy have been used interchangeably in the media, particularly since the release of the movie The Sessions. While they both have an overarching goal of helping to relieve the distress related to sexual dysfunction and sex related issues, they are really two VERY different approaches.'),
    block('h01', 'h2', 'So What’s the Difference?'),
    block('p05', 'normal', 'Sexual surrogacy involves sex surrogates, or surrogate partners, that are trained in therapeutically teaching people about physical and sexual contact. They are experts who serve as sexual partners to help with specific problems. While they do engage in sexual activity with clients some of the time, that is not always the case. According to the International Surrogate Partner Association (IPSA),'),
    block('q01', 'blockquote', '“The surrogate participates with the client in structured and unstructured experiences that are designed to build client self-awareness and skills in the areas of physical and emotional intimacy. These therapeutic experiences include partner work in relaxation, effective communication, sensual and sexual touching, and social skills training.”'),
    block('p06', 'normal', 'Sexual surrogates are not licensed mental health professionals; though they should have received training. According to the Kinsey Institute, the services that they provide are legal in the US as long as they operate under the supervision of a licensed therapist (you should verify this this in your home state if you wish to engage services).'),
    block('p07', 'normal', 'Sex therapists, on the other hand, are psychologists and other mental health care providers who are licensed by the states in which they practice. They typically have training not only sex therapy principles; they are also trained in a variety of psychological concepts and approaches to distress. Theoretically, sex therapy moves beyond the the specifics of the sexual dysfunction (though those are addressed as well), to look at it in the context of the person’s whole life experience.'),
    block('p08', 'normal', 'In sex therapy, there is absolutely NO sexual contact between the client and the therapist. In fact, professional ethics organizations and state laws prohibit sexual contact between a therapist and a client.'),
    {
      _type: 'block',
      _key: 'p09',
      style: 'normal',
      markDefs: [{_type: 'link', _key: 'goodtherapy', href: GOODTHERAPY_SEXUALITY}],
      children: [
        {_type: 'span', _key: 'p09s0', text: 'Sex therapists work with both individuals and couples to address concerns. Therapy may take many forms from discussion and education about sexual health and techniques to exploration of emotional and psychological roots of the dysfunction. A good sex therapist will not only help to find ways to improve the situation; she will also help explore the connection of the difficulty to the rest of your life. Sex, like appetite or sleep, is a good barometer for alerting a person to distress in other parts of life. To learn more about sex therapy, visit ', marks: []},
        {_type: 'span', _key: 'p09s1', text: 'GooodTherapy.org’s Sex/Sexuality Page', marks: ['goodtherapy']},
        {_type: 'span', _key: 'p09s2', text: '.', marks: []},
      ],
    },
  ] satisfies Block[],
}

/** In dependency order: a document's references are created before it (or in the same transaction). */
export const seedDocuments: SeedDocument[] = [siteSettings, author, category, post]
