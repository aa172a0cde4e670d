/** The parts of the API's answers the dashboard reads (the API owns the full shapes). */
export type Role = 'clerk' | 'leader' | 'inspector' | 'admin';
export const ROLES: Role[] = ['clerk', 'leader', 'inspector', 'admin'];
export type Me = { id: string; username: string; displayName: string; role: Role; unitId: string; backofficeAccount: string | null };

export type PeriodView = { from: string; to: string; days: number };
export type OpenFlags = { total: number; byRule: Record<string, number> };

export type Figures = {
  segments: number;
  handled: number;
  workingHours: number;
  activeHours: number;
  p50Hours: number | null;
  p90Hours: number | null;
};
export type StepFigures = Figures & { step: string };

export type UnitStats = Figures & {
  unitId: string;
  name: string | null;
  received: number;
  finished: number;
  timeliness: {
    early: number;
    onTime: number;
    late: number;
    unknown: number;
    shares: { early: number; onTime: number; late: number; earlyOrOnTime: number } | null;
  };
  steps: StepFigures[];
  openFlags: OpenFlags;
};
export type UnitStatsResponse = { period: PeriodView; units: UnitStats[] };

export type OfficialStats = Figures & { officialId: string; username: string; displayName: string; currentUnitId: string; openFlags: OpenFlags };
export type UnitOfficialsResponse = { unitId: string; period: PeriodView; officials: OfficialStats[] };

export type DossierSummary = {
  code: string;
  unitId: string;
  procedureCode: string | null;
  receivedAt: string | null;
  appointmentAt: string | null;
  effectiveAppointmentAt: string | null;
  finishedAt: string | null;
  finishedAction: string | null;
  timeliness: string | null;
  supplementRequests: number;
  holderState: string | null;
  currentHolderId: string | null;
  currentStep: string | null;
  openFlags: number;
};
export type Page = { limit: number; offset: number; total: number; nextOffset: number | null };
export type DossierList = { dossiers: DossierSummary[]; page: Page };

export type FlagView = {
  key: string;
  dossierCode: string;
  rule: string;
  severity: string;
  officialId: string | null;
  since: string | null;
  ageHours: number;
  hoursOver: number;
  evidence: string[];
  details: Record<string, unknown>;
  closedAt: string | null;
  status: 'open' | 'closed';
};

export type Segment = {
  seq: number;
  holder: { id: string; displayName: string | null; unitId: string | null };
  step: string | null;
  stepLabel: string | null;
  from: string | null;
  to: string | null;
  workingHours: number | null;
  activeHours: number | null;
  endedBy: string;
  startKnown: boolean;
  evidence: 'confirmed' | 'claimed' | 'inferred';
  cause: string;
  claimedBy: { id: string; displayName: string | null } | null;
  disputedFrom: string | null;
  contested: boolean;
  blamedHours: number | null;
};
export type Pause = { reason: string; from: string | null; to: string | null; workingHours: number | null };
export type TimelineEvent = { id: string; kind: string; at: string | null; officialId: string; action: string | null; toOfficialId: string | null; step: string | null; status: string | null };
export type DossierDetail = { dossier: DossierSummary; segments: Segment[]; pauses: Pause[]; flags: FlagView[]; events: TimelineEvent[] };
