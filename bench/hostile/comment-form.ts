/**
 * The post page's comment form as a browser with nothing typed yet would send it: its hidden
 * fields (the form token, the honeypot), default values and ticked boxes, read from the HTML.
 */

const ENTITIES: Record<string, string> = {amp: '&', quot: '"', '#x27': "'", '#39': "'", lt: '<', gt: '>'}

function decode(text: string): string {
  return text.replace(/&(amp|quot|#x27|#39|lt|gt);/g, (_, name: string) => ENTITIES[name]!)
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag)
  return match ? decode(match[1]!) : undefined
}

export function commentFormFields(html: string): URLSearchParams {
  const form = /<form\b[^>]*class="comment-form"[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1]
  if (!form) throw new Error('The page has no comment form')
  const fields = new URLSearchParams()
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = attribute(tag, 'name')
    const type = attribute(tag, 'type') ?? 'text'
    if (!name || type === 'submit' || type === 'button') continue
    if (type === 'checkbox' || type === 'radio') {
      if (/\schecked(=""|\s|\/|>)/.test(tag)) fields.append(name, attribute(tag, 'value') ?? 'on')
      continue
    }
    fields.append(name, attribute(tag, 'value') ?? '')
  }
  for (const [, tag, content] of form.matchAll(/(<textarea\b[^>]*>)([\s\S]*?)<\/textarea>/g)) {
    const name = attribute(tag!, 'name')
    if (name) fields.append(name, decode(content!))
  }
  if (!fields.get('formToken')) throw new Error('The comment form has no form token')
  return fields
}
