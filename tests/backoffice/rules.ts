/**
 * Which actions an official may take on a dossier, and with which choices (next steps,
 * receivers, colleagues). Both variants show exactly these buttons and the server re-checks
 * them on every action, as real back-offices do.
 */
import { ACTION_KINDS, ACTION_LABELS_VI, type ActionKind } from '../../shared/schemas/dossier.ts';
import {
  DEMO_OFFICIALS,
  officialByUsername,
  procedureByCode,
  type BackofficeRole,
  type DemoOfficial,
  type DemoProcedure,
} from '../../shared/demo/roster.ts';
import type { Dossier } from './model.ts';
import { ENDED_STATUSES } from './model.ts';

/** Button labels as DOMAIN.md lists them (the apology button is the short "Xin lỗi"). */
export const BUTTON_LABELS: Record<ActionKind, string> = { ...ACTION_LABELS_VI, apology: 'Xin lỗi' };

export interface Person {
  account: string;
  name: string;
}

export interface StepChoice {
  code: string;
  name: string;
  receivers: Person[];
}

export interface ActionChoice {
  kind: ActionKind;
  label: string;
  /** For hand-overs: who may receive the dossier; the first is the default. */
  receivers?: Person[];
  /** For "Chuyển bước xử lý": the steps it may go to, each with its receivers. */
  steps?: StepChoice[];
  papers?: string[];
}

const person = (o: DemoOfficial): Person => ({ account: o.username, name: o.displayName });

export function procedureOf(d: Dossier): DemoProcedure {
  const p = procedureByCode(d.procedureCode);
  if (!p) throw new Error(`unknown procedure ${d.procedureCode}`);
  return p;
}

export function stepName(d: Dossier, index: number | null = d.stepIndex): string | null {
  return index == null ? null : (procedureOf(d).steps[index]?.name ?? null);
}

export function staffOf(unitId: string, role: BackofficeRole): DemoOfficial[] {
  return DEMO_OFFICIALS.filter((o) => o.unitId === unitId && o.backofficeRole === role);
}

/** Receivers of a step; the desk official who received the dossier comes first for the return step. */
export function receiversFor(d: Dossier, stepIndex: number, exclude?: string): Person[] {
  const step = procedureOf(d).steps[stepIndex];
  if (!step) return [];
  const staff = staffOf(d.unitId, step.role).filter((o) => o.username !== exclude);
  staff.sort((a, b) => Number(b.username === d.receivedBy) - Number(a.username === d.receivedBy));
  return staff.map(person);
}

export function isLate(d: Dossier, at: Date): boolean {
  return !!d.appointmentAt && !ENDED_STATUSES.has(d.status) && d.status !== 9 && Date.parse(d.appointmentAt) < at.getTime();
}

function choice(kind: ActionKind, extra: Partial<ActionChoice> = {}): ActionChoice {
  return { kind, label: BUTTON_LABELS[kind], ...extra };
}

/** The actions `account` may take on `d` at `at`, in the order back-offices lay out their buttons. */
export function actionChoices(d: Dossier, account: string, at: Date): ActionChoice[] {
  const me = officialByUsername(account);
  if (!me?.backofficeRole || me.unitId !== d.unitId) return [];
  const role = me.backofficeRole;
  const steps = procedureOf(d).steps;
  const last = steps.length - 1;
  const holds = d.handler === account;
  const i = d.stepIndex;
  const working = d.status === 2 || d.status === 4;
  const out: ActionChoice[] = [];
  const add = (c: ActionChoice | null | undefined | false) => {
    if (c) out.push(c);
  };

  add(d.status === 1 && role === 'desk_clerk' && choice('receive'));
  add(role === 'desk_clerk' && (d.status === 1 || (holds && working && i === 0)) && choice('reject'));
  if (holds && working && i != null && i < last) {
    const later: StepChoice[] = [];
    for (let j = i + 1; j <= last; j++) later.push({ code: steps[j]!.code, name: steps[j]!.name, receivers: receiversFor(d, j) });
    add(choice('forward', { steps: later.filter((s) => s.receivers.length > 0), receivers: later[0]!.receivers }));
  }
  const leaderStep = i != null && i < last && steps[i]!.role === role && (role === 'division_head' || role === 'agency_head');
  add(holds && d.status === 4 && leaderStep && choice('approve', { receivers: receiversFor(d, i! + 1) }));
  const back = d.trail.at(-1);
  add(holds && working && i != null && i > 0 && back && choice('return', { receivers: [person(officialByUsername(back.account)!)] }));
  const colleagues = staffOf(d.unitId, role)
    .filter((o) => o.username !== account)
    .map(person);
  add(holds && working && colleagues.length > 0 && choice('transfer', { receivers: colleagues }));
  add(
    holds &&
      working &&
      i != null &&
      i < last &&
      (role === 'desk_clerk' || role === 'specialist') &&
      choice('supplement_request', { papers: procedureOf(d).papers }),
  );
  if (d.status === 5 && d.supplement && (d.supplement.requestedBy === account || role === 'desk_clerk')) {
    // Handing back to oneself is no hand-over: only someone else completing it names a receiver.
    const requester = d.supplement.requestedBy;
    add(choice('supplement_done', requester === account ? {} : { receivers: [person(officialByUsername(requester)!)] }));
  }
  add(holds && d.status === 4 && (role === 'specialist' || role === 'agency_head') && choice('update_result'));
  add(holds && (working || d.status === 5) && choice('stop'));
  add(holds && d.status === 4 && i === last && choice('finish'));
  add(holds && (d.status === 4 || d.status === 9) && i === last && choice('return_result'));
  const h = d.lastHandover;
  add(!!h && h.from === account && h.actionCount === d.actionCount && d.handler === h.to && working && choice('recall'));
  const lateOpen = [2, 4, 5, 9].includes(d.status) && !!d.appointmentAt && Date.parse(d.appointmentAt) < at.getTime();
  add(lateOpen && (holds || role === 'desk_clerk') && choice('apology'));

  const order = new Map(ACTION_KINDS.map((k, n) => [k, n]));
  return out.sort((a, b) => order.get(a.kind)! - order.get(b.kind)!);
}
