// The response shape lives in shared/contract/, where the extension reads it.
export { dossierDetailResponseSchema } from '../../shared/contract/dossiers.ts';
