import {signToken, verifyToken} from '~/security/signed-token.server'

const PURPOSE = 'draft-preview'
/** Long enough to read a draft and share it with a colleague, short enough to stay a preview. */
export const PREVIEW_LINK_SECONDS = 60 * 60

export function signPreviewLink(documentId: string, now?: number): string {
  return signToken({id: documentId}, {purpose: PURPOSE, expiresIn: PREVIEW_LINK_SECONDS, ...(now ? {now} : {})})
}

export function checkPreviewLink(token: string) {
  return verifyToken<{id: string}>(token, PURPOSE)
}
