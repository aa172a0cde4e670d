/**
 * "Workday" mode for the demo: every few seconds a random dossier moves one step, done
 * server-side by the official who holds it, and new online submissions trickle in, so the
 * demo's dashboards have something happening. Recorded in the truth with variant 'workday'.
 * It never acts as an official signed in to the back-office: their queue moves only by their own
 * hand (and by others handing them dossiers).
 */
import type { ActionKind } from '../../shared/schemas/dossier.ts';
import { BACKOFFICE_UNIT_IDS, DEMO_PROCEDURES } from '../../shared/demo/roster.ts';
import { createDossier } from './dossier-factory.ts';
import { perform } from './lifecycle.ts';
import type { ActionInput, Dossier, TruthAction } from './model.ts';
import { createRng, type Rng } from './prng.ts';
import { actionChoices, staffOf, type ActionChoice } from './rules.ts';
import { now } from './store.ts';
import { addWorkingTime } from './working-time.ts';
import type { World } from './world.ts';

export interface Workday {
  start(intervalMs?: number): void;
  stop(): void;
  running(): boolean;
  /** One move now; returns what happened, or null when nothing could move. */
  tick(): TruthAction | null;
  /** Called after each move the timer makes (the demo sends it to the API, as an extension would). */
  onAction(listener: (t: TruthAction) => void): void;
}

export const DEFAULT_WORKDAY_INTERVAL_MS = 4000;

/** What moving "one step" means in each state: the action a busy official would take next. */
const PREFERRED: ActionKind[] = ['receive', 'forward', 'approve', 'supplement_done', 'finish', 'return_result'];

function actorFor(rng: Rng, d: Dossier): string | null {
  if (d.status === 1) return rng.pick(staffOf(d.unitId, 'desk_clerk')).username;
  if (d.status === 5 && d.supplement) return d.supplement.requestedBy;
  return d.handler;
}

function inputFor(rng: Rng, c: ActionChoice, at: Date): ActionInput {
  const input: ActionInput = { note: 'Xử lý theo quy trình' };
  const receivers = c.kind === 'forward' ? c.steps?.[0]?.receivers : c.receivers;
  if (receivers?.length) input.toAccount = rng.pick(receivers).account;
  if (c.kind === 'forward') input.nextStep = c.steps?.[0]?.code;
  if (c.kind === 'apology') input.newAppointment = addWorkingTime(at, 16 * 3600);
  return input;
}

export function createWorkday(world: World, opts: { seed?: number; intervalMs?: number } = {}): Workday {
  const rng = createRng((opts.seed ?? 7) * 7919);
  let timer: ReturnType<typeof setInterval> | null = null;
  const listeners: Array<(t: TruthAction) => void> = [];

  const tick = (): TruthAction | null => {
    const s = world.store;
    const at = now(s);
    if (rng.chance(0.2)) {
      const unitId = rng.pick(BACKOFFICE_UNIT_IDS);
      const procedure = rng.pick(DEMO_PROCEDURES.filter((p) => p.unitIds.includes(unitId)));
      createDossier(s, rng, { unitId, procedure, channel: 'truc_tuyen', submittedAt: at, codeGap: rng.int(1, 3) });
    }
    const open = s.dossiers.filter((d) => [1, 2, 4, 5, 9].includes(d.status));
    for (let attempt = 0; attempt < 12 && open.length > 0; attempt++) {
      const d = rng.pick(open);
      const actor = actorFor(rng, d);
      if (!actor || world.sessions.signedIn(actor)) continue;
      const choices = actionChoices(d, actor, at);
      // Mostly the natural next step; now and then a detour, as on a real day.
      const c = rng.chance(0.08) ? choices.find((x) => x.kind === 'supplement_request') : choices.find((x) => PREFERRED.includes(x.kind));
      if (!c) continue;
      const out = perform(s, { account: actor, dossierId: d.id, kind: c.kind, input: inputFor(rng, c, at), variant: 'workday' });
      if (out.ok) return out.truth;
    }
    return null;
  };

  const api: Workday = {
    start(intervalMs = opts.intervalMs ?? DEFAULT_WORKDAY_INTERVAL_MS) {
      api.stop();
      timer = setInterval(() => {
        const t = tick();
        if (t) for (const l of listeners) l(t);
      }, intervalMs);
      timer.unref?.();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    running: () => timer !== null,
    tick,
    onAction: (l) => void listeners.push(l),
  };
  return api;
}
