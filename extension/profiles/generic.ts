import type { SiteProfileInput } from '../../shared/schemas/profile.ts';
import { DOSSIER_CODE_PATTERN } from '../../shared/schemas/dossier-code.ts';

/**
 * With no configuration, any granted page whose heading or title shows a national dossier code
 * is treated as that dossier's detail page: opens and active time are recorded, nothing else.
 */
export const GENERIC_PROFILE: SiteProfileInput = {
  id: 'generic',
  version: 1,
  name: 'Nhận diện chung / Generic dossier-code recogniser',
  matches: ['<all_urls>'],
  pages: [
    {
      kind: 'detail',
      path: '.*',
      code: {
        selectors: ['h1', 'h2', 'h3', '[class*="ma-ho-so"]', '[id*="maHoSo"]', 'title'],
        pattern: `(${DOSSIER_CODE_PATTERN})`,
      },
    },
  ],
  actions: [],
  allFrames: true,
};
