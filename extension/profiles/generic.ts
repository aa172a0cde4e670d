import type { SiteProfileInput } from '../../shared/schemas/profile.ts';
import { DOSSIER_CODE_PATTERN } from '../../shared/schemas/dossier-code.ts';

/**
 * With no configuration, any granted page showing national dossier codes is recognised: one
 * code makes it that dossier's page (opens and active time are recorded), several make a list.
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
      // The generic reader (read-generic.ts) looks at the whole page; this rule only claims it.
      code: { selectors: ['body'], pattern: `(${DOSSIER_CODE_PATTERN})` },
    },
  ],
  actions: [],
  allFrames: true,
};
