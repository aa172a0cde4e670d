import { ACTION_EFFECTS } from './action-effects.ts';
import { CustodyLine, namesOther, type DraftPause, type DraftSegment } from './custody-line.ts';
import { dropRepeatedActions } from './repeated-actions.ts';
import type { Finished, StoredEvent } from './types.ts';

export type { DraftPause, DraftSegment } from './custody-line.ts';

export interface CustodyTrace {
  segments: DraftSegment[];
  pauses: DraftPause[];
  finished: Finished | null;
  unconfirmedFinish: (Finished & { officialId: string }) | null;
  anomalies: string[];
}

export interface TraceOptions {
  receivingDesk?: (officialId: string) => boolean;
}

/** Someone else's act on a dossier whose holder's custody stands, until it is settled or refuted. */
interface Challenge {
  holder: DraftSegment;
  at: number;
  line: CustodyLine;
}

/**
 * Replays ordered events of one dossier into custody with evidence grades.
 *
 * An official's events start, extend or end only their own custody. When someone else acts on a
 * dossier whose holder's custody is confirmed (no hand-over to them was captured), or a page they
 * read names someone else, that is a challenge: the holder's blame stops there, and the
 * challenger's line is replayed on its own, strictly (an official's word about themselves does not
 * count there). The holder's own later act, or a page naming them, refutes it: their custody ran on
 * and the challenger's segments stay on record as contested. A second official's word for the
 * challenger (the receiver of their hand-over taking it up, a page read by someone else) settles
 * it: the holder's custody ended where the challenge began. Unsettled, both stand side by side.
 */
export function traceCustody(events: readonly StoredEvent[], options: TraceOptions = {}): CustodyTrace {
  const anomalies: string[] = [];
  const note = (code: string, e: StoredEvent, detail: string): void => {
    anomalies.push(`${code}: ${detail} at ${new Date(e.at).toISOString()} (event ${e.id})`);
  };
  const receivingDesk = options.receivingDesk ?? (() => true);
  const main = new CustodyLine({ note, receivingDesk, strict: false });
  const contested: DraftSegment[] = [];
  let challenge: Challenge | null = null;

  const settle = (c: Challenge): void => {
    main.release(c.holder, c.at, 'superseded');
    c.holder.disputedFrom = null;
    main.segments.push(...c.line.segments);
    main.pauses.push(...c.line.pauses);
    main.mode = c.line.mode;
    main.supplementRequests += c.line.supplementRequests;
    main.firstSeen = c.line.firstSeen;
    main.lastRelease = c.line.lastRelease;
  };

  const refute = (c: Challenge, e: StoredEvent): void => {
    note('challenge_refuted', e, `${c.holder.holderId} still holds the dossier`);
    for (const s of c.line.segments) {
      if (s.to === null) c.line.release(s, e.at, 'superseded');
      s.contested = true;
      contested.push(s);
    }
    if (c.line.finished) note('unconfirmed_end_refuted', e, `${c.line.finished.action} by ${c.line.finished.officialId}`);
    c.holder.disputedFrom = null;
  };

  for (const e of dropRepeatedActions(events, note)) {
    if (e.disputed) {
      note('disputed_by_log', e, `${e.action ?? e.kind} by ${e.officialId} is not in the back-office's log: not counted`);
      continue;
    }
    if (challenge !== null) {
      const holder = challenge.holder.holderId;
      const namesHolder = e.handlerId === holder && !main.isStale(e, holder);
      if (namesHolder || (e.officialId === holder && e.kind === 'action' && !namesOther(e, holder))) {
        refute(challenge, e);
        challenge = null;
        main.take(e);
      } else if (e.officialId === holder && !namesOther(e, holder)) {
        main.take(e);
      } else {
        challenge.line.take(e);
        if (challenge.line.segments.some((s) => s.evidence === 'confirmed')) {
          settle(challenge);
          challenge = null;
        }
      }
      continue;
    }
    const held = main.current;
    if (held !== null && held.evidence === 'confirmed' && challenges(main, held, e)) {
      const at = e.kind === 'action' ? Math.min(e.at, Math.max(held.from, main.firstSeen.get(e.officialId) ?? e.at)) : e.at;
      held.disputedFrom = at;
      const line = new CustodyLine(
        { note, receivingDesk, strict: true },
        { kind: 'pending', since: at, by: held.holderId, cause: 'takeover' },
      );
      line.firstSeen.set(e.officialId, at);
      challenge = { holder: held, at, line };
      if (e.kind === 'action')
        note('custody_without_handover', e, `${e.action} by ${e.officialId} while ${held.holderId} held the dossier`);
      line.take(e);
      if (line.segments.some((s) => s.evidence === 'confirmed')) {
        settle(challenge);
        challenge = null;
      }
      continue;
    }
    main.take(e);
  }

  let unconfirmedFinish: CustodyTrace['unconfirmedFinish'] = null;
  if (challenge !== null) {
    for (const s of challenge.line.segments) {
      s.contested = true;
      contested.push(s);
    }
    unconfirmedFinish = challenge.line.finished;
  }
  const segments = [...main.segments, ...contested].sort((a, b) => a.from - b.from || Number(a.contested) - Number(b.contested));
  return {
    segments,
    pauses: main.pauses,
    finished: main.finished ? { at: main.finished.at, action: main.finished.action } : null,
    unconfirmedFinish,
    anomalies,
  };
}

/** Whether `e` contests the confirmed custody of `held`: another official's act, or a page naming someone else. */
function challenges(main: CustodyLine, held: DraftSegment, e: StoredEvent): boolean {
  if (e.handlerId && e.handlerId !== held.holderId && !main.isStale(e, e.handlerId)) return true;
  if (e.kind !== 'action' || e.action === undefined || e.officialId === held.holderId) return false;
  const effect = ACTION_EFFECTS[e.action];
  return !(effect === 'neutral' || (effect === 'handover_if_named' && !e.toOfficialId));
}
