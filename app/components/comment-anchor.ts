import {useLocation} from '@remix-run/react'
import {useEffect} from 'react'

/**
 * `#comment-123` on a post whose comment 123 is on another page of comments (WordPress's old
 * links carry only the anchor): asks the comment's own address (`/comment/123/`) where it is
 * shown, and goes there. An anchor the server does not know (a held comment, a typo) leaves the
 * reader where they are.
 */
export function useFarCommentAnchor(): void {
  const {hash} = useLocation()
  useEffect(() => {
    const match = /^#comment-([A-Za-z0-9_-]{1,80})$/.exec(hash)
    if (!match || document.getElementById(hash.slice(1))) return
    const here = window.location.href.split('#')[0]
    void fetch(`/comment/${match[1]}/`, {method: 'HEAD'}).then(
      (response) => {
        if (response.ok && response.url !== here) window.location.replace(`${response.url}${hash}`)
      },
      () => {},
    )
  }, [hash])
}
