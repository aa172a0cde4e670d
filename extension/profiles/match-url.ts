/**
 * Tests a URL against a WebExtension match pattern (`scheme://host/path`), comparing the port
 * too when the pattern names one (the demo back-office and the API share a host).
 */
export function matchesPattern(pattern: string, url: string): boolean {
  if (pattern === '<all_urls>') return /^(https?|file):/.test(url);
  const m = /^(\*|https?|file):\/\/([^/]*)(\/.*)$/.exec(pattern);
  if (!m) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const [, scheme, hostPort, path] = m as unknown as [string, string, string, string];
  const protocol = u.protocol.slice(0, -1);
  if (scheme === '*' ? protocol !== 'http' && protocol !== 'https' : scheme !== protocol) return false;
  const [host, port] = hostPort.split(':') as [string, string | undefined];
  if (host !== '*') {
    if (host.startsWith('*.')) {
      const base = host.slice(2);
      if (u.hostname !== base && !u.hostname.endsWith('.' + base)) return false;
    } else if (u.hostname !== host) return false;
  }
  if (port !== undefined && port !== '*' && u.port !== port) return false;
  const pathRe = new RegExp(
    '^' +
      path
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*') +
      '$',
  );
  return pathRe.test(u.pathname + u.search);
}

export function profileMatches(profile: { matches: readonly string[] }, url: string): boolean {
  return profile.matches.some((p) => matchesPattern(p, url));
}
