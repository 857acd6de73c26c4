import {createContext, useContext} from 'react'

/**
 * The nonce this render's inline scripts carry, matching the page's Content-Security-Policy.
 * Only the server render has one: browsers hide nonces from the page, and the scripts it
 * marks are written once, on the server.
 */
export const ScriptNonce = createContext<string | undefined>(undefined)

export function useScriptNonce(): string | undefined {
  return useContext(ScriptNonce)
}
