/**
 * Deterministic demo data: the same seed and instant give the same dossiers, codes and
 * histories. Plans are laid out backwards from `now` in working time, then replayed forwards
 * through the lifecycle with the clock pinned at each move.
 */
import { BACKOFFICE_UNIT_IDS } from '../../shared/demo/roster.ts';
import { createDossier } from './dossier-factory.ts';
import { perform } from './lifecycle.ts';
import type { ActionInput, Dossier } from './model.ts';
import { createRng, type Rng } from './prng.ts';
import { actionChoices, procedureOf, staffOf } from './rules.ts';
import { planUnit, type Move, type Plan } from './seed-plans.ts';
import { clearDossiers, setClock, type Store } from './store.ts';
import { addWorkingTime } from './working-time.ts';

const NOTES: Partial<Record<Move['kind'], string[]>> = {
  reject: ['Hồ sơ không thuộc thẩm quyền giải quyết', 'Thành phần hồ sơ không đúng quy định'],
  stop: ['Công dân đề nghị dừng giải quyết', 'Có tranh chấp, chờ ý kiến cơ quan có thẩm quyền'],
  return: ['Đề nghị chuyên viên rà soát lại sơ đồ thửa đất', 'Bổ sung ý kiến thẩm định'],
  supplement_request: ['Đề nghị bổ sung giấy tờ còn thiếu theo danh mục', 'Giấy tờ nộp chưa rõ nét, đề nghị nộp lại'],
  forward: ['Đã thẩm định, đề nghị xem xét', 'Chuyển xử lý theo quy trình', ''],
  approve: ['Thống nhất', 'Đồng ý trình ký'],
  update_result: ['Dự thảo kết quả giải quyết'],
  apology: ['Hồ sơ phải xác minh thêm nên giải quyết chậm so với ngày hẹn'],
};

function inputFor(rng: Rng, d: Dossier, m: Move, at: Date): ActionInput {
  const notes = NOTES[m.kind];
  const input: ActionInput = { note: notes ? rng.pick(notes) : '' };
  if (m.kind === 'supplement_request') {
    const papers = procedureOf(d).papers;
    input.papers = papers.filter(() => rng.chance(0.5)).slice(0, 2);
  }
  if (m.kind === 'apology') input.newAppointment = addWorkingTime(at, (m.newAppointmentAfterHours ?? 24) * 3600);
  if (m.kind === 'update_result') input.resultNumber = `${rng.int(100, 2999)}/QĐ-${d.unitId.startsWith('000.00') ? 'STNMT' : 'UBND'}`;
  const choice = actionChoices(d, actorFor(rng, d, m), at).find((c) => c.kind === m.kind);
  if (m.to) input.toAccount = m.to;
  else if (m.kind === 'forward' && choice?.steps?.[0]) input.toAccount = rng.pick(choice.steps[0].receivers).account;
  else if (choice?.receivers?.length) input.toAccount = rng.pick(choice.receivers).account;
  return input;
}

/** Memoised per move so the choice lookup and the action agree on who acts. */
const actors = new WeakMap<Move, string>();

function actorFor(rng: Rng, d: Dossier, m: Move): string {
  const known = actors.get(m);
  if (known) return known;
  let actor = m.actor ?? d.handler ?? '';
  if (m.kind === 'receive' || m.kind === 'reject') actor = m.actor ?? rng.pick(staffOf(d.unitId, 'desk_clerk')).username;
  if (m.kind === 'supplement_done')
    actor = rng.chance(0.5) ? d.supplement!.requestedBy : rng.pick(staffOf(d.unitId, 'desk_clerk')).username;
  actors.set(m, actor);
  return actor;
}

interface Timed {
  plan: Plan;
  submittedAt: Date;
  times: Date[];
}

/** Whole minutes, as back-offices print them. */
const toMinute = (d: Date) => new Date(Math.floor(d.getTime() / 60_000) * 60_000);

function layOut(plan: Plan, nowAt: Date): Timed {
  let t = toMinute(addWorkingTime(nowAt, -plan.tailHours * 3600));
  const times: Date[] = [];
  for (let i = plan.moves.length - 1; i >= 0; i--) {
    times[i] = t;
    t = toMinute(addWorkingTime(t, -plan.moves[i]!.gapHours * 3600));
  }
  return { plan, submittedAt: t, times };
}

export function seedStore(store: Store, seed: number, nowAt: Date): void {
  clearDossiers(store);
  store.seed = seed;
  const rng = createRng(seed);
  const timed = BACKOFFICE_UNIT_IDS.flatMap((u) => planUnit(rng, u)).map((p) => layOut(p, nowAt));
  // Codes carry a daily sequence, so dossiers are created in submission order.
  timed.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
  const savedClock = store.clock;
  for (const t of timed) {
    const d = createDossier(store, rng, {
      unitId: t.plan.unitId,
      procedure: t.plan.procedure,
      channel: t.plan.channel,
      submittedAt: t.submittedAt,
      codeGap: rng.int(1, 4),
    });
    for (let i = 0; i < t.plan.moves.length; i++) {
      const m = t.plan.moves[i]!;
      const at = t.times[i]!;
      setClock(store, at, true);
      const input = inputFor(rng, d, m, at);
      const out = perform(store, { account: actorFor(rng, d, m), dossierId: d.id, kind: m.kind, input, variant: 'workday', record: false });
      // A plan the rules refuse (e.g. an apology that turned out not late) just ends the dossier's story there.
      if (!out.ok) break;
    }
  }
  store.clock = savedClock;
}
