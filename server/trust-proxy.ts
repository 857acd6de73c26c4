/**
 * TRUST_PROXY as Express's `trust proxy` setting, which decides what `req.ip` (the reader's
 * address for rate limits and Akismet) is: unset or "false" trusts no proxy, so the address is
 * the connection's peer and X-Forwarded-For is ignored; a number trusts that many hops;
 * otherwise a comma-separated list of addresses, subnets or Express's names (loopback,
 * linklocal, uniquelocal).
 */
export function trustProxySetting(value: string | undefined): boolean | number | string[] {
  if (value === undefined || value === '' || value === 'false') return false
  if (/^\d+$/.test(value)) return Number(value)
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
}
