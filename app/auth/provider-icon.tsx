import type {ProviderId} from './providers'

/**
 * Small square brand marks for the log-in row, drawn inline (no requests to the providers,
 * no image files). Decorative: the button around each carries the accessible name.
 */
const MARKS: Record<ProviderId, {background: string; color: string; glyph: string; font?: string}> = {
  wordpress: {background: '#21759b', color: '#fff', glyph: 'W', font: 'Georgia, serif'},
  // A plain X: the visible letter must be part of the button's name ("Log in with X").
  x: {background: '#000', color: '#fff', glyph: 'X', font: 'Arial, sans-serif'},
  facebook: {background: '#1877f2', color: '#fff', glyph: 'f', font: 'Helvetica, Arial, sans-serif'},
  google: {background: '#fff', color: '#4285f4', glyph: 'G', font: 'Arial, sans-serif'},
  github: {background: '#24292f', color: '#fff', glyph: '', font: 'Arial, sans-serif'},
}

export function ProviderIcon({provider}: {provider: ProviderId}) {
  const mark = MARKS[provider]
  return (
    <svg className="provider-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <rect width="24" height="24" rx="3" fill={mark.background} stroke={provider === 'google' ? '#dadce0' : 'none'} />
      {provider === 'github' ? (
        // A cat's head: the shape GitHub's mark is known by.
        <path
          fill={mark.color}
          d="M12 5.5c-1 0-2 .2-2.8.5L7.4 4.6 7.2 7.4A5.3 5.3 0 0 0 6.2 10.6c0 3.2 2.6 5 5.8 5s5.8-1.8 5.8-5c0-1.2-.4-2.3-1-3.2l-.2-2.8-1.8 1.4c-.8-.3-1.8-.5-2.8-.5Zm-2.6 5.2a.9.9 0 1 1 0 1.8.9.9 0 0 1 0-1.8Zm5.2 0a.9.9 0 1 1 0 1.8.9.9 0 0 1 0-1.8ZM10 16.4v3h4v-3Z"
        />
      ) : (
        <text x="12" y="17.5" textAnchor="middle" fontSize="16" fontWeight="700" fontFamily={mark.font} fill={mark.color}>
          {mark.glyph}
        </text>
      )}
    </svg>
  )
}
