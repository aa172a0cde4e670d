/**
 * The parts of the API's answers the extension reads, picked from the response schemas the server
 * validates with (shared/contract/): a field renamed or retyped on the server fails the extension's
 * typecheck here, instead of showing up as an empty cell in a browser.
 */
import type { z } from 'zod';
import type { dossierDetailResponseSchema } from '../../shared/contract/dossiers.ts';
import type { flagListResponseSchema, flagSchema } from '../../shared/contract/flags.ts';
import type { meSummaryResponseSchema } from '../../shared/contract/me-summary.ts';

type Flag = z.output<typeof flagSchema>;
type Detail = z.output<typeof dossierDetailResponseSchema>;
type Segment = Detail['segments'][number];
type Summary = z.output<typeof meSummaryResponseSchema>;
type OwnPeriod = Summary['today'];

export type FlagView = Pick<
  Flag,
  | 'key'
  | 'dossierCode'
  | 'unitId'
  | 'rule'
  | 'severity'
  | 'officialId'
  | 'since'
  | 'ageHours'
  | 'hoursOver'
  | 'evidence'
  | 'details'
  | 'status'
>;

export type FlagList = { flags: FlagView[]; page?: Pick<z.output<typeof flagListResponseSchema>['page'], 'total' | 'nextOffset'> };

export type SegmentView = Pick<
  Segment,
  | 'seq'
  | 'holder'
  | 'step'
  | 'stepLabel'
  | 'from'
  | 'to'
  | 'workingHours'
  | 'activeHours'
  | 'endedBy'
  | 'startKnown'
  | 'evidence'
  | 'claimedBy'
  | 'contested'
  | 'blamedHours'
>;

export type DossierDetail = {
  dossier: Pick<
    Detail['dossier'],
    | 'code'
    | 'unitId'
    | 'procedureCode'
    | 'appointmentAt'
    | 'effectiveAppointmentAt'
    | 'finishedAt'
    | 'timeliness'
    | 'currentStep'
    | 'openFlags'
  >;
  segments: SegmentView[];
  pauses: Detail['pauses'];
  flags: FlagView[];
  events: Pick<Detail['events'][number], 'id' | 'kind' | 'at' | 'officialId' | 'action'>[];
};

export type MeSummary = {
  official: Summary['official'];
  today: Pick<OwnPeriod, 'handled' | 'workingHours' | 'activeHours' | 'onTimeShare'>;
  week: Pick<OwnPeriod, 'handled' | 'workingHours' | 'activeHours' | 'onTimeShare'>;
  holding: Summary['holding'];
  atRisk: Pick<Summary['atRisk'][number], 'dossierCode' | 'rule' | 'severity' | 'step' | 'hoursLeft' | 'hoursOver' | 'appointmentAt'>[];
};

import { RULE_LABELS as SHARED_RULE_LABELS, type LabelPair } from '../../shared/labels/custody-labels.ts';

/** Looked up by the code the API sends (a rule this build does not know yet falls back to its code). */
export const RULE_LABELS: Readonly<Record<string, LabelPair>> = SHARED_RULE_LABELS;
