// The shapes live in shared/contract/, where the dashboard's reconciliation screen reads them too.
export * from '../../shared/contract/reconcile.ts';
