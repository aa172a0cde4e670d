/**
 * How each variant names an action in its markup: the single-page app's dialog form ids and
 * the classic variant's hidden `task` values. Site profiles point at these names.
 */
import type { ActionKind } from '../../shared/schemas/dossier.ts';

export const SPA_FORM_IDS: Record<ActionKind, string> = {
  receive: 'form-tiep-nhan',
  reject: 'form-tu-choi',
  forward: 'form-chuyen-buoc',
  return: 'form-tra-lai',
  transfer: 'form-chuyen-noi-bo',
  supplement_request: 'form-yeu-cau-bo-sung',
  supplement_done: 'form-hoan-thanh-bo-sung',
  update_result: 'form-cap-nhat-ket-qua',
  approve: 'form-duyet',
  stop: 'form-dung-xu-ly',
  finish: 'form-ket-thuc',
  return_result: 'form-tra-ket-qua',
  recall: 'form-thu-hoi',
  apology: 'form-xin-loi',
};

export const CLASSIC_TASKS: Record<ActionKind, string> = {
  receive: 'tiepnhan',
  reject: 'tuchoi',
  forward: 'chuyenbuoc',
  return: 'tralai',
  transfer: 'chuyennoibo',
  supplement_request: 'yeucaubosung',
  supplement_done: 'hoanthanhbosung',
  update_result: 'capnhatketqua',
  approve: 'duyet',
  stop: 'dungxuly',
  finish: 'ketthuc',
  return_result: 'traketqua',
  recall: 'thuhoi',
  apology: 'xinloi',
};

export function kindOfTask(task: string): ActionKind | null {
  const hit = Object.entries(CLASSIC_TASKS).find(([, t]) => t === task);
  return hit ? (hit[0] as ActionKind) : null;
}
