/**
 * Whether the back-office page is signed in as someone other than the official signed in to the
 * extension. Accounts are compared as the server compares them (NFC, spaces, case), so a page
 * writing "ChuyenVien1" is still the official's own. Unknown on either side: not a mismatch
 * (nothing can be told; the server decides again from the configured accounts).
 */
const normalize = (s: string): string => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

export function isOtherAccount(pageUser: string | null | undefined, mine: string | null | undefined): boolean {
  if (!pageUser || !mine) return false;
  return normalize(pageUser) !== normalize(mine);
}
