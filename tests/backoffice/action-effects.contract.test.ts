/**
 * The one table of what each action does to custody (shared/custody/action-effects.ts), checked
 * against two things written apart from it: the simulated back-office's own handling rules (an
 * independent model of who holds a dossier after each action), and the bundled site profiles
 * (a kind that can hand over must read its receiver; one that cannot must not).
 */
import { describe, expect, it } from 'vitest';
import { ACTION_EFFECTS, type CustodyEffect } from '../../shared/custody/action-effects.ts';
import type { ActionKind } from '../../shared/schemas/dossier.ts';
import classic from '../../extension/profiles/bundled/backoffice-classic.ts';
import spa from '../../extension/profiles/bundled/backoffice-spa.ts';
import { perform } from './lifecycle.ts';
import { createRng } from './prng.ts';
import { actionChoices } from './rules.ts';
import { setClock } from './store.ts';
import { createWorld } from './world.ts';

const NOW = new Date('2025-11-20T09:30:00+07:00');
/** Effects after which someone must be named as the receiver. */
const NAMES_RECEIVER: ReadonlySet<CustodyEffect> = new Set(['handover', 'handover_if_named', 'resume']);

describe('what each action does to custody', () => {
  it('agrees with the simulated back-office on every action it allows, over a random walk', () => {
    const world = createWorld({ seed: 7, now: NOW });
    const { store } = world;
    const rng = createRng(99);
    const accounts = [
      ...new Set(store.dossiers.map((d) => d.handler).filter((a): a is string => !!a)),
      'motcua1',
      'motcua2',
      'lanhdao1',
      'lanhdao2',
      'chuyenvien1',
    ];
    const seen = new Map<ActionKind, number>();
    let at = NOW.getTime();
    for (let i = 0; i < 4000; i++) {
      const d = store.dossiers[Math.floor(rng.next() * store.dossiers.length)]!;
      const account = rng.pick(accounts);
      const choices = actionChoices(d, account, new Date(at));
      if (choices.length === 0) continue;
      const c = rng.pick(choices);
      const before = { handler: d.handler, status: d.status };
      const input = {
        note: 'Ghi chú',
        resultNumber: '1/KQ',
        ...(c.kind === 'apology' ? { newAppointment: new Date(at + 5 * 86400_000) } : {}),
      };
      const step = c.steps?.[0];
      const receiver = step?.receivers[0]?.account ?? c.receivers?.[0]?.account;
      const out = perform(store, {
        account,
        dossierId: d.id,
        kind: c.kind,
        input: { ...input, ...(step ? { nextStep: step.code } : {}), ...(receiver ? { toAccount: receiver } : {}) },
        variant: 'spa',
      });
      if (!out.ok) continue;
      seen.set(c.kind, (seen.get(c.kind) ?? 0) + 1);
      const to = out.truth?.toAccount ?? null;
      const where = `${c.kind} by ${account} on ${d.code}`;
      switch (ACTION_EFFECTS[c.kind]) {
        case 'receive':
        case 'recall':
          expect(d.handler, where).toBe(account);
          break;
        case 'handover':
          expect(to, where).not.toBeNull();
          expect(d.handler, where).toBe(to);
          break;
        case 'handover_if_named':
          expect(d.handler, where).toBe(to ?? before.handler);
          break;
        case 'resume':
          expect(d.handler, where).toBe(to ?? account);
          break;
        case 'pause':
          expect(d.status, where).toBe(5);
          break;
        case 'end':
          // The simulated page keeps showing the last handler of a finished dossier awaiting
          // return (status 9); custody has ended all the same: nobody works on it any more.
          expect(d.handler === null || d.status === 9, where).toBe(true);
          break;
        case 'neutral':
          expect({ handler: d.handler, status: d.status }, where).toEqual(before);
          break;
      }
      at += 600_000;
      setClock(store, new Date(at), true);
    }
    // The walk must have exercised every kind, or the agreement above proves little.
    expect([...seen.keys()].sort()).toEqual((Object.keys(ACTION_EFFECTS) as ActionKind[]).sort());
  });

  for (const profile of [spa, classic]) {
    it(`${profile.id}: every action kind is in the table, and reads a receiver exactly when it can hand over`, () => {
      const actions = profile.actions ?? [];
      const kinds = actions.map((a) => a.kind);
      expect(new Set(kinds)).toEqual(new Set(Object.keys(ACTION_EFFECTS)));
      for (const a of actions) {
        expect(!!a.toAccount, `${profile.id} ${a.kind}`).toBe(NAMES_RECEIVER.has(ACTION_EFFECTS[a.kind]));
      }
    });
  }
});
