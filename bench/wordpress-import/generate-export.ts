import fs from 'node:fs'
import {once} from 'node:events'
import {parseArgs} from 'node:util'

/**
 * Writes a WordPress export (WXR 1.2) of a busy blog for the import benchmark:
 * `tsx bench/wordpress-import/generate-export.ts <out.xml> [--posts 1000] [--comments 20000]`.
 * Posts have classic-editor content (paragraphs, a heading, a list, a link, a quote); comments
 * are spread evenly, a third of them replies, some held or spam, each with an address.
 */
const {positionals, values} = parseArgs({
  allowPositionals: true,
  options: {posts: {type: 'string', default: '1000'}, comments: {type: 'string', default: '20000'}},
})
const [out] = positionals
if (!out) throw new Error('Usage: generate-export.ts <out.xml> [--posts N] [--comments N]')
const posts = Number(values.posts)
const comments = Number(values.comments)

const stream = fs.createWriteStream(out)
async function write(text: string) {
  if (!stream.write(text)) await once(stream, 'drain')
}
const pad = (n: number) => String(n).padStart(2, '0')
const paragraph = (n: number) =>
  `Paragraph ${n}: therapy is a conversation with a purpose. We talk about what brings you here, what you hope changes, and how we will know it has. <em>Small steps</em> count.`

await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Benchmark Practice</title><link>https://bench.example</link><description>A generated blog</description>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://bench.example</wp:base_site_url><wp:base_blog_url>https://bench.example</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[author]]></wp:author_login><wp:author_email><![CDATA[author@bench.example]]></wp:author_email><wp:author_display_name><![CDATA[The Author]]></wp:author_display_name></wp:author>
<wp:category><wp:term_id>2</wp:term_id><wp:category_nicename><![CDATA[notes]]></wp:category_nicename><wp:cat_name><![CDATA[Notes]]></wp:cat_name></wp:category>
`)
let commentId = 1
for (let post = 1; post <= posts; post++) {
  const day = new Date(Date.UTC(2010, 0, 1) + post * 86_400_000)
  const date = `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`
  const slug = `post-number-${post}`
  const body = [
    paragraph(1),
    paragraph(2),
    '<h2>What helps</h2>',
    '<ul>\n<li>Sleep</li>\n<li>Movement</li>\n</ul>',
    `<blockquote>${paragraph(3)}</blockquote>`,
    `See <a href="https://example.org/${post}">the guide</a>.`,
    paragraph(4),
  ].join('\n\n')
  let items = ''
  const perPost = Math.floor(comments / posts) + (post <= comments % posts ? 1 : 0)
  const first = commentId
  for (let n = 0; n < perPost; n++, commentId++) {
    const parent = n % 3 === 2 ? commentId - 1 : 0
    const approved = n % 10 === 9 ? 'spam' : n % 10 === 8 ? '0' : '1'
    items += `<wp:comment><wp:comment_id>${commentId}</wp:comment_id><wp:comment_author><![CDATA[Reader ${commentId % 500}]]></wp:comment_author><wp:comment_author_email><![CDATA[reader${commentId % 500}@example.com]]></wp:comment_author_email><wp:comment_author_url></wp:comment_author_url><wp:comment_author_IP><![CDATA[198.51.100.${commentId % 250}]]></wp:comment_author_IP><wp:comment_date><![CDATA[${date} 12:00:00]]></wp:comment_date><wp:comment_date_gmt><![CDATA[${date} 17:00:00]]></wp:comment_date_gmt><wp:comment_content><![CDATA[Thank you for this, it <b>helped</b>.\n\nComment ${commentId}.]]></wp:comment_content><wp:comment_approved><![CDATA[${approved}]]></wp:comment_approved><wp:comment_type><![CDATA[comment]]></wp:comment_type><wp:comment_parent>${parent && parent >= first ? parent : 0}</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>\n`
  }
  await write(`<item><title>Post number ${post}</title><link>https://bench.example/${date.replaceAll('-', '/')}/${slug}/</link><dc:creator><![CDATA[author]]></dc:creator><guid isPermaLink="false">https://bench.example/?p=${post}</guid>
<content:encoded><![CDATA[${body}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>${post}</wp:post_id><wp:post_date><![CDATA[${date} 09:00:00]]></wp:post_date><wp:post_date_gmt><![CDATA[${date} 14:00:00]]></wp:post_date_gmt><wp:comment_status><![CDATA[open]]></wp:comment_status><wp:post_name><![CDATA[${slug}]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status><wp:post_parent>0</wp:post_parent><wp:post_type><![CDATA[post]]></wp:post_type><wp:is_sticky>0</wp:is_sticky>
<category domain="category" nicename="notes"><![CDATA[Notes]]></category>
${items}</item>
`)
}
await write('</channel>\n</rss>\n')
stream.end()
await once(stream, 'finish')
