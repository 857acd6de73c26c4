// GROQ for the site. Every query reads the published perspective through a token-less client.

export const SITE_SETTINGS_QUERY = `*[_id == "siteSettings"][0]{
  title, tagline, practiceName, practiceLocation, timeZone
}`

const POST_SUMMARY = `_id, title, "slug": slug.current, publishedAt,
  "excerpt": coalesce(excerpt, pt::text(body))`

export const RECENT_POSTS_QUERY = `{
  "timeZone": *[_id == "siteSettings"][0].timeZone,
  "posts": *[_type == "post" && defined(slug.current) && defined(publishedAt)]
    | order(publishedAt desc)[0...$limit]{${POST_SUMMARY}}
}`

export const POST_BY_SLUG_QUERY = `{
  "timeZone": *[_id == "siteSettings"][0].timeZone,
  "post": *[_type == "post" && slug.current == $slug && defined(publishedAt)][0]{
    ${POST_SUMMARY},
    body,
    author->{name, credentials, bio},
    "categories": categories[]->{title, "slug": slug.current}
  }
}`
