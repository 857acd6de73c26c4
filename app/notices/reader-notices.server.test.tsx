import {expect, test} from 'vitest'
import {CRISIS_NOTICE_DEFAULTS, NOT_ADVICE_DEFAULT} from '../../contract/reader-notices'
import {SiteSettings} from '~/sanity/site-settings.server'
import {renderReaderNotices} from './reader-notices.server'

test('settings an editor never saved are the defaults Studio starts from: US crisis lines and the not-advice notice', () => {
  const settings = SiteSettings.parse({})
  expect(settings.crisisNotice).toMatchObject(CRISIS_NOTICE_DEFAULTS)
  expect(settings.notAdviceNotice).toBe(NOT_ADVICE_DEFAULT)
  const {crisis, footer, notAdvice} = renderReaderNotices(settings)
  for (const href of ['tel:988', 'sms:988', 'sms:741741?&amp;body=HOME', 'tel:911']) expect(crisis).toContain(`href="${href}"`)
  expect(crisis).toContain('not around the clock')
  expect(crisis).toMatch(/^<aside class="crisis-notice" aria-labelledby="crisis-notice-title"><h3 id="crisis-notice-title">If you are in crisis/)
  expect(notAdvice).toContain('does not create a therapist–client relationship')
  expect(footer).toContain(`<p class="not-advice-notice">${NOT_ADVICE_DEFAULT}</p>`)
  expect(footer).not.toContain('<address>')
})

test('empty settings fall back part by part; a line without text or with a link that does not call, text or open a page is dropped', () => {
  const settings = SiteSettings.parse({
    crisisNotice: {
      heading: '  ',
      resources: [
        {text: 'Call the practice’s on-call line', link: 'tel:+14015550100'},
        {text: 'Local crisis team', link: 'javascript:alert(1)'},
        {text: '', link: 'tel:911'},
        null,
      ],
      note: null,
    },
    notAdviceNotice: '',
  })
  expect(settings.crisisNotice).toEqual({
    heading: CRISIS_NOTICE_DEFAULTS.heading,
    resources: [{text: 'Call the practice’s on-call line', link: 'tel:+14015550100'}, {text: 'Local crisis team'}],
    note: CRISIS_NOTICE_DEFAULTS.note,
    careMessage: expect.stringContaining('Thank you for sharing this'),
  })
  expect(settings.notAdviceNotice).toBe(NOT_ADVICE_DEFAULT)
  expect(renderReaderNotices(settings).crisis).not.toContain('javascript')
  // No line left at all: the defaults, never an empty list.
  expect(SiteSettings.parse({crisisNotice: {resources: [{text: ' '}]}}).crisisNotice.resources).toEqual(CRISIS_NOTICE_DEFAULTS.resources)
})

test('the footer gives the practice’s address, phone as a call link and the appointment link, all escaped', () => {
  const {footer} = renderReaderNotices(
    SiteSettings.parse({
      practiceName: 'Wilder <b>Therapy</b>',
      practiceLocation: 'Cranston, RI',
      practiceAddress: '1 Main St\nCranston, RI 02910',
      practicePhone: '(401) 555-0123',
      appointmentUrl: 'https://book.example/wilder',
      appointmentLabel: 'Book a first session',
    }),
  )
  expect(footer).toContain('<strong>Wilder &lt;b&gt;Therapy&lt;/b&gt;, Cranston, RI</strong>')
  expect(footer).toContain('<span class="footer-address">1 Main St\nCranston, RI 02910</span>')
  expect(footer).toContain('<a href="tel:4015550123">(401) 555-0123</a>')
  expect(footer).toContain('<a class="footer-appointment" href="https://book.example/wilder">Book a first session</a>')
  // An appointment link that is not a web page is left out.
  expect(renderReaderNotices(SiteSettings.parse({appointmentUrl: 'javascript:alert(1)'})).footer).not.toContain('footer-appointment')
})

test('above the form: comments are public, and the practice is reached privately by phone when it has one', () => {
  const {publicComments} = renderReaderNotices(SiteSettings.parse({practiceName: 'Wilder <b>Therapy</b>', practicePhone: '(401) 555-0123'}))
  expect(publicComments).toContain('Comments are public')
  expect(publicComments).toContain('contact Wilder &lt;b&gt;Therapy&lt;/b&gt; privately at <a href="tel:4015550123">(401) 555-0123</a>.')
  expect(renderReaderNotices(SiteSettings.parse({})).publicComments).toContain('contact the practice privately.')
})

test('the care message offers help without "awaiting moderation" and carries no ids to clash with the notice beside the form', () => {
  const {care} = renderReaderNotices(SiteSettings.parse({}))
  expect(care).toContain('Thank you for sharing this')
  expect(care).toContain('href="tel:988"')
  expect(care).not.toContain('id=')
  expect(care).not.toMatch(/awaiting moderation/i)
})
