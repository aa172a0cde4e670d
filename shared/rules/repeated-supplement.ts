import { dossierEvents, endOf, findAction, recordSegments } from './custody-view.ts';
import { createFlag, escalate, toHours } from './flag.ts';
import type { Flag, RuleInput } from './types.ts';

/**
 * More supplement requests than allowed (one, nationally): the index counts the dossier late
 * whatever its dates. Requests are counted as pauses, like timeliness does, so a request repeated
 * while the citizen still has the first is not a second one. Named: whoever made the first excess
 * request. hoursOver: working hours the citizen was sent away again.
 */
export function repeatedSupplementRule(input: RuleInput): Flag[] {
  const cfg = input.settings.repeated_supplement;
  if (!cfg.enabled) return [];
  const end = endOf(input);
  const pauses = input.timeline.pauses.filter((p) => p.from <= end).sort((a, b) => a.from - b.from);
  if (pauses.length <= cfg.maxRequests) return [];
  const events = dossierEvents(input);
  const requests = pauses.map((p) => findAction(events, p.from, 'supplement_request'));
  const excess = pauses.slice(cfg.maxRequests);
  const excessSeconds = excess.reduce((sum, p) => sum + input.clock.workingSecondsBetween(p.from, Math.min(p.to ?? end, end)), 0);
  const first = excess[0]!;
  return [
    createFlag(input, {
      rule: 'repeated_supplement',
      since: first.from,
      officialId: confirmedRequester(input, first.from, requests[cfg.maxRequests]?.officialId ?? null),
      severity: escalate(pauses.length, cfg.severity),
      hoursOver: toHours(excessSeconds),
      evidence: requests.map((e) => e?.id),
      details: {
        requests: pauses.length,
        maxRequests: cfg.maxRequests,
        requestedBy: requests.map((e) => e?.officialId ?? null),
        countsLate: true,
      },
    }),
  ];
}

/** The official who requested at `at`, when their custody then was confirmed; else nobody is named. */
function confirmedRequester(input: RuleInput, at: number, officialId: string | null): string | null {
  const ended = recordSegments(input.timeline).find((s) => s.to === at && s.endedBy === 'supplement_request' && s.holderId === officialId);
  return ended?.evidence === 'confirmed' ? officialId : null;
}
