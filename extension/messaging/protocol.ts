import type { CaptureEvent, DossierFields } from '../../shared/schemas/events.ts';
import type { ActionKind } from '../../shared/schemas/dossier.ts';
import type { SiteProfile } from '../../shared/schemas/profile.ts';
import type { FlagQuery } from '../background/api-reads.ts';

type ProfileRef = { id: string; version: number };

/** What the content script reports; the background stamps ids, identity and the official. */
export type PageObservation =
  | { kind: 'open'; at: number; dossierCode: string; fields: DossierFields }
  | { kind: 'close'; at: number; dossierCode: string }
  | { kind: 'action'; at: number; dossierCode: string; action: ActionKind; toAccount: string | null; fields: DossierFields }
  | { kind: 'list_seen'; at: number; rows: { dossierCode: string; fields: DossierFields }[] }
  | { kind: 'profile_miss'; at: number; pageKind: 'list' | 'detail' | 'none'; anchor: string };

export type ContentMessage =
  | { type: 'init'; url: string }
  | { type: 'observe'; profile: ProfileRef; backofficeUser: string | null; observation: PageObservation }
  | { type: 'heartbeat'; profile: ProfileRef; backofficeUser: string | null; dossierCode: string; at: number }
  | { type: 'inactive'; dossierCode: string; at: number }
  | { type: 'status' }
  | { type: 'meSummary' }
  | { type: 'flagsFor'; codes: string[] }
  | { type: 'dossier'; code: string };

export type InitReply = { profiles: SiteProfile[]; generic: SiteProfile | null; recording: boolean };

export type StatusReply = {
  signedIn: boolean;
  recording: boolean;
  serverUrl: string;
  official: { username: string; displayName: string; role: string; backofficeAccount?: string | null } | null;
  queued: number;
  rejected: number;
  lastError: string | null;
  lastSuccessAt: number | null;
  backlogWarning: boolean;
};

/** Reads answer `{ data }` or `{ error, status }` so the page can tell "not allowed" from "offline". */
export type ReadReply<T> = { data: T; error?: undefined } | { data?: undefined; error: string; status?: number };

/** Popup/options messages. */
export type UiMessage =
  | { type: 'login'; serverUrl: string; username: string; password: string }
  | { type: 'logout' }
  | { type: 'flushNow' }
  | { type: 'origins' }
  | { type: 'flags'; query: FlagQuery }
  | { type: 'detailUrl'; code: string; tabUrl: string | null }
  | { type: 'apiCall'; method: 'GET' | 'POST' | 'PUT'; path: string; body?: unknown }
  /** The profile workbench: read the open tab at `url` with the active profile or `draft`. */
  | { type: 'workbench'; url: string; draft?: unknown }
  | { type: 'workbenchTabs' };

export type OriginsReply = { wanted: string[]; granted: string[] };

export type AnyMessage = ContentMessage | UiMessage;
export type { CaptureEvent };
