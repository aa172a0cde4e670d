/**
 * What an official types to enable the generic reader on a back-office no profile names:
 * `motcua.tinh.gov.vn`, `https://motcua.tinh.gov.vn/dvc/...` → the match pattern
 * `https://motcua.tinh.gov.vn/*`; null when it is not a web address. Plain http only when
 * typed so (an internal back-office may lack TLS).
 */
export function originPattern(input: string): string | null {
  const text = input.trim();
  if (!text) return null;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (!url.hostname || url.username || url.password) return null;
  if (!/^[a-z0-9.-]+$/i.test(url.hostname) && !/^\[[0-9a-f:]+\]$/i.test(url.hostname)) return null;
  return `${url.protocol}//${url.host}/*`;
}
