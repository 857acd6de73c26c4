import {expect, test} from 'vitest'
import {contentToPortableText, htmlToText} from './content-to-portable-text'
import type {BodyBlock} from './portable-text'

function convert(content: string, attachments: string[] = []) {
  const notes: string[] = []
  const blocks = contentToPortableText(content, {notUnderstood: (what) => notes.push(what), attachmentsOfPost: () => attachments})
  return {blocks, notes}
}

// Each block in a short form: its type, style or list, and its text with marks.
function shape(blocks: BodyBlock[]) {
  return blocks.map((block) => {
    if (block._type === 'block') {
      const text = block.children
        .map((span) =>
          span.marks.length ? `[${span.text}|${span.marks.map((mark) => block.markDefs.find((def) => def._key === mark)?.href ?? mark).join(',')}]` : span.text,
        )
        .join('')
      return `${block.listItem ? `${block.listItem}${block.level}` : block.style}: ${text}`
    }
    if (block._type === 'image') return `image ${block.source?.attachmentId ?? block.source?.url} alt=${block.alt ?? ''} caption=${block.caption ?? ''}`
    if (block._type === 'gallery') return `gallery ${block.images.map((image) => image.source?.attachmentId).join(',')}`
    if (block._type === 'embed') return `embed ${block.provider} ${block.url}`
    if (block._type === 'code') return `code ${JSON.stringify(block.code)}`
    if (block._type === 'table') return `table ${JSON.stringify(block.rows.map((row) => row.cells))}`
    return block._type
  })
}

test('classic content: WordPress’s automatic paragraphs and line breaks, headings, lists, quotes, links', () => {
  const {blocks, notes} = convert(
    'First <strong>bold</strong> line\nsecond line\n\nNext paragraph with <a href="https://example.org/">a link</a>.\n\n<h1>Big</h1>\n<h4>Small</h4>\n<ul>\n<li>One\n<ol><li>Inner</li></ol></li>\n</ul>\n<blockquote>Quoted</blockquote>',
  )
  expect(shape(blocks)).toEqual([
    'normal: First [bold|strong] line\nsecond line',
    'normal: Next paragraph with [a link|https://example.org/].',
    'h2: Big',
    'h3: Small',
    'bullet1: One',
    'number2: Inner',
    'blockquote: Quoted',
  ])
  expect(notes).toEqual(['Heading <h4> kept as a subheading (h3)'])
})

test('classic images, [caption], [gallery] and embeds: shortcodes and addresses alone on a line', () => {
  const {blocks, notes} = convert(
    'Text <img src="https://site.example/wp-content/uploads/a.jpg" alt="A" /> after\n\n' +
      '[caption id="attachment_5" width="300"]<a href="/x"><img class="wp-image-5" src="https://site.example/b.jpg" alt="B" /></a> The caption[/caption]\n\n' +
      '[gallery ids="5, 6"]\n\n[gallery]\n\n[youtube https://www.youtube.com/watch?v=dQw4w9WgXcQ]\n\n[vimeo 76979871]\n\n[embed]https://x.com/a/status/1[/embed]\n\nhttps://youtu.be/dQw4w9WgXcQ\n\n[tweet https://not-a-tweet.example/]\n\n[[gallery]] and [unknown a="1"]',
    ['7', '8'],
  )
  expect(shape(blocks)).toEqual([
    'normal: Text',
    'image https://site.example/wp-content/uploads/a.jpg alt=A caption=',
    'normal: after',
    'image 5 alt=B caption=The caption',
    'gallery 5,6',
    'gallery 7,8',
    'embed youtube https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    'embed vimeo https://vimeo.com/76979871',
    'embed x https://x.com/a/status/1',
    'embed youtube https://youtu.be/dQw4w9WgXcQ',
    'normal: [tweet https://not-a-tweet.example/]',
    'normal: [gallery] and [unknown a="1"]',
  ])
  expect(notes).toEqual(['Embed [tweet https://not-a-tweet.example/] not understood: kept as text', 'Shortcode [unknown] kept as text'])
})

test('block-editor content: every core block, columns as their content, unknown blocks kept as text and listed', () => {
  const {blocks, notes} = convert(`<!-- wp:paragraph --><p>Line
wrapped</p><!-- /wp:paragraph -->
<!-- wp:image {"id":9} --><figure class="wp-block-image"><img src="https://s.example/i.png" alt="I" class="wp-image-9"/><figcaption>Cap</figcaption></figure><!-- /wp:image -->
<!-- wp:embed {"url":"https://vimeo.com/1"} --><figure class="wp-block-embed"><div class="wp-block-embed__wrapper">
https://vimeo.com/1
</div></figure><!-- /wp:embed -->
<!-- wp:separator --><hr class="wp-block-separator"/><!-- /wp:separator -->
<!-- wp:code --><pre class="wp-block-code"><code class="language-js">let a = 1
  a++</code></pre><!-- /wp:code -->
<!-- wp:table --><figure class="wp-block-table"><table><tr><th>A</th><td>B</td></tr></table></figure><!-- /wp:table -->
<!-- wp:columns --><div class="wp-block-columns"><!-- wp:column --><div class="wp-block-column"><p>Left</p></div><!-- /wp:column --><!-- wp:column --><div class="wp-block-column"><p>Right</p></div><!-- /wp:column --></div><!-- /wp:columns -->
<!-- wp:acme/widget --><div>Widget words</div><!-- /wp:acme/widget -->`)
  expect(shape(blocks)).toEqual([
    'normal: Line wrapped',
    'image 9 alt=I caption=Cap',
    'embed vimeo https://vimeo.com/1',
    'separator',
    'code "let a = 1\\n  a++"',
    'table [["A","B"]]',
    'normal: Left',
    'normal: Right',
    'normal: Widget words',
  ])
  expect((blocks[4] as {language?: string}).language).toBe('js')
  expect(notes).toEqual(['Block acme/widget not understood: its content kept as text'])
})

test('odd characters survive: entities, emoji, right-to-left and CJK text, markup written as text', () => {
  const {blocks} = convert('Caf&eacute; &amp; 🙂 עברית 日本語 &lt;b&gt; 100%\u00a0sure')
  expect(shape(blocks)).toEqual(['normal: Café & 🙂 עברית 日本語 <b> 100%\u00a0sure'])
})

test('scripts and forms are removed and reported, not run or silently dropped', () => {
  const {blocks, notes} = convert('Before<script>alert(1)</script> after <marquee>moving</marquee>')
  expect(shape(blocks)).toEqual(['normal: Before after moving'])
  expect(notes).toEqual(['<script> removed: the site does not run or show it', '<marquee> kept as text'])
})

test('comment HTML becomes the text the site shows: paragraphs, line breaks, no tags', () => {
  expect(htmlToText('<p>Hi <b>there</b> &amp; welcome</p><p>Line<br/>break</p>\n\nLast <a href="https://x.example">link</a>')).toBe(
    'Hi there & welcome\n\nLine\nbreak\n\nLast link',
  )
})
