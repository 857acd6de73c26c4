import {randomId} from '../ids'

/** Gives every object in an array a `_key`, as `autoGenerateArrayKeys` asks. */
export function withArrayKeys<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map((item) => {
      const keyed = withArrayKeys(item)
      if (keyed !== null && typeof keyed === 'object' && !Array.isArray(keyed) && !('_key' in keyed)) {
        return {_key: randomId(12), ...keyed}
      }
      return keyed
    }) as T
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, withArrayKeys(child)])) as T
  }
  return value
}
