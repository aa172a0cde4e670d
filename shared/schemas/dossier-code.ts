/** Shapes and names of dossier codes and actions, free of zod so the content script stays small. */
/** `{receiving unit identifier}-{yyMMdd}-{NNNN}`, e.g. `000.00.12.H32-251120-0007`. */
export const UNIT_ID_PATTERN = '\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}';
export const DOSSIER_CODE_PATTERN = `${UNIT_ID_PATTERN}-\\d{6}-\\d{4}`;
export const DOSSIER_CODE_RE = new RegExp(`^${DOSSIER_CODE_PATTERN}$`);
export const UNIT_ID_RE = new RegExp(`^${UNIT_ID_PATTERN}$`);
/** National procedure code, optionally localised: `1.001193` or `1.001193.000.00.00.H56`. */
export const PROCEDURE_CODE_RE = new RegExp(`^\\d\\.\\d{6}(\\.${UNIT_ID_PATTERN})?$`);

/** The receiving unit is the first part of a dossier code. */
export function unitOfDossier(code: string): string {
  return code.slice(0, code.indexOf('-'));
}

/** Actions an official takes on a dossier, named for what they do to custody. */
export const ACTION_KINDS = [
  'receive', // Tiếp nhận
  'reject', // Từ chối tiếp nhận
  'forward', // Chuyển bước xử lý
  'return', // Trả lại bước trước
  'transfer', // Chuyển nội bộ
  'supplement_request', // Yêu cầu bổ sung
  'supplement_done', // Hoàn thành bổ sung
  'update_result', // Cập nhật kết quả xử lý
  'approve', // Duyệt thông qua
  'stop', // Dừng xử lý
  'finish', // Kết thúc
  'return_result', // Trả kết quả
  'recall', // Thu hồi
  'apology', // Xin lỗi và hẹn lại
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
export const ACTION_LABELS_VI: Record<ActionKind, string> = {
  receive: 'Tiếp nhận',
  reject: 'Từ chối tiếp nhận',
  forward: 'Chuyển bước xử lý',
  return: 'Trả lại bước trước',
  transfer: 'Chuyển nội bộ',
  supplement_request: 'Yêu cầu bổ sung',
  supplement_done: 'Hoàn thành bổ sung',
  update_result: 'Cập nhật kết quả xử lý',
  approve: 'Duyệt thông qua',
  stop: 'Dừng xử lý',
  finish: 'Kết thúc',
  return_result: 'Trả kết quả',
  recall: 'Thu hồi',
  apology: 'Xin lỗi và hẹn lại',
};

/** National synchronisation status codes. */
export const STATUS_NAMES_VI: Record<number, string> = {
  1: 'Mới đăng ký',
  2: 'Được tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  7: 'Công dân yêu cầu rút hồ sơ',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
};
