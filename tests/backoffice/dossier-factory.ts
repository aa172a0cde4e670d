/** Creates a freshly submitted dossier: its code, internal id, applicant and what it is about. */
import type { DemoProcedure } from '../../shared/demo/roster.ts';
import { makeApplicant } from './citizens.ts';
import type { Channel, Dossier } from './model.ts';
import type { Rng } from './prng.ts';
import { addDossier, nextCode, type Store } from './store.ts';

const PLACES = ['phường Nha Trang', 'phường Bắc Nha Trang', 'xã Diên Khánh', 'xã Cam Lâm', 'xã Suối Dầu', 'phường Cam Ranh'];

/** The short line lists show under the procedure's name, shaped by what the procedure is about. */
function subjectFor(p: DemoProcedure, rng: Rng, applicantName: string): string {
  const n = p.code.slice(0, 8);
  if (['1.012790', '1.012791', '1.012792', '1.001990', '1.012798'].includes(n)) {
    return `Thửa đất số ${rng.int(12, 890)}, tờ bản đồ số ${rng.int(1, 64)}, ${rng.pick(PLACES)}`;
  }
  if (n === '1.004227') return `Giếng khoan khai thác ${rng.int(20, 400)} m³/ngày đêm, ${rng.pick(PLACES)}`;
  if (n === '1.010727') return `Cơ sở chế biến thủy sản tại ${rng.pick(PLACES)}`;
  if (n === '1.009994') return `Nhà ở riêng lẻ ${rng.int(2, 4)} tầng, thửa đất số ${rng.int(12, 890)}, ${rng.pick(PLACES)}`;
  if (n === '2.000815') return `${rng.int(1, 6)} bản sao, người yêu cầu ${applicantName}`;
  return `Người yêu cầu: ${applicantName}`;
}

export interface NewDossier {
  unitId: string;
  procedure: DemoProcedure;
  channel: Channel;
  submittedAt: Date;
  /** Sequence numbers skipped before this one (dossiers outside the demo's sample). */
  codeGap?: number;
}

export function createDossier(store: Store, rng: Rng, spec: NewDossier): Dossier {
  const applicant = makeApplicant(rng);
  const d: Dossier = {
    id: store.nextId,
    code: nextCode(store, spec.unitId, spec.submittedAt, spec.codeGap ?? 1),
    unitId: spec.unitId,
    procedureCode: spec.procedure.code,
    channel: spec.channel,
    subject: subjectFor(spec.procedure, rng, applicant.name),
    applicant,
    fee: spec.procedure.fee,
    submittedAt: spec.submittedAt.toISOString(),
    receivedAt: null,
    receivedBy: null,
    appointmentAt: null,
    status: 1,
    stepIndex: 0,
    handler: null,
    stepDeadline: null,
    trail: [],
    supplement: null,
    supplementCount: 0,
    result: null,
    approvals: [],
    processedAt: null,
    returnedAt: null,
    endedAt: null,
    apologies: [],
    lastHandover: null,
    actionCount: 0,
    history: [],
  };
  // Ids jump like a shared database sequence used by other modules.
  store.nextId += rng.int(1, 7);
  addDossier(store, d);
  return d;
}
