/** The parts of the API's answers the extension shows (the API's own schemas are the authority). */
export type Severity = 'info' | 'warning' | 'critical';

export type FlagView = {
  key: string;
  dossierCode: string;
  unitId: string;
  rule: string;
  severity: Severity;
  officialId: string | null;
  since: string;
  ageHours: number;
  hoursOver: number;
  evidence: string[];
  details: Record<string, unknown>;
  status: 'open' | 'closed';
};

export type FlagList = { flags: FlagView[]; page?: { total: number; nextOffset: number | null } };

export type SegmentView = {
  seq: number;
  holder: { id: string; displayName: string | null; unitId: string | null };
  step: string | null;
  stepLabel?: string | null;
  from: string | null;
  to: string | null;
  workingHours: number;
  activeHours: number;
  endedBy: string | null;
  startKnown: boolean;
  evidence: 'confirmed' | 'claimed' | 'inferred';
  claimedBy: { id: string; displayName: string | null } | null;
  contested: boolean;
  blamedHours: number;
};

export type DossierDetail = {
  dossier: { code: string; unitId: string; procedureCode: string | null; appointmentAt: string | null; effectiveAppointmentAt: string | null; finishedAt: string | null; timeliness: string | null; currentStep: string | null; openFlags: number };
  segments: SegmentView[];
  pauses: { reason: string; from: string | null; to: string | null; workingHours: number }[];
  flags: FlagView[];
  events: { id: string; kind: string; at: string | null; officialId: string; action?: string | null }[];
};

export type MeSummary = {
  official: { id: string; displayName: string; unitId: string; role: string };
  today: { handled: number; workingHours: number; activeHours: number; onTimeShare: number | null };
  week: { handled: number; workingHours: number; activeHours: number; onTimeShare: number | null };
  holding: number;
  atRisk: { dossierCode: string; rule: string; severity: Severity; step: string | null; hoursLeft: number | null; hoursOver: number; appointmentAt: string | null }[];
};

import { RULE_LABELS as SHARED_RULE_LABELS, type LabelPair } from '../../shared/labels/custody-labels.ts';

/** Looked up by the code the API sends (a rule this build does not know yet falls back to its code). */
export const RULE_LABELS: Readonly<Record<string, LabelPair>> = SHARED_RULE_LABELS;
