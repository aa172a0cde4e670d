/**
 * Ids of the site profiles the extension ships with (extension/profiles/bundled, the generic
 * one): the server knows them without holding them, so their profile-miss reports are kept. A
 * unit test keeps this list equal to what the extension bundles.
 */
export const BUNDLED_PROFILE_IDS: readonly string[] = ['backoffice-spa', 'backoffice-classic', 'generic'];
