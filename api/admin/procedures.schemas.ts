// The shapes live in shared/contract/, where the dashboard's forms read them too.
export * from '../../shared/contract/admin/procedures.ts';
