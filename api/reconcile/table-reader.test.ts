import { describe, expect, it } from 'vitest';
import writeExcelFile from 'write-excel-file/node';
import { declaredZipSize, readCsv, readXlsx, UnreadableFile } from './table-reader.ts';
import { parseLocalDateTime, readLog } from './log-rows.ts';
import { DEFAULT_COLUMNS } from './reconcile.schemas.ts';

describe('reading a back-office log', () => {
  it('reads RFC 4180 CSV with a BOM, quotes, line breaks inside, and semicolons when the header uses them', () => {
    // Blank lines stay, so a row's number is the file's own.
    expect(readCsv('\uFEFFa,b\r\n"x, ""y""","1\n2"\r\n\r\nz,3')).toEqual([['a', 'b'], ['x, "y"', '1\n2'], [''], ['z', '3']]);
    expect(readCsv('a;b\n1,5;2\n')).toEqual([
      ['a', 'b'],
      ['1,5', '2'],
    ]);
    expect(() => readCsv('"open')).toThrow(UnreadableFile);
  });

  it('reads xlsx cells as text, dates as the wall-clock time they show, and refuses what is no zip', async () => {
    const bytes = await writeExcelFile([
      [{ value: 'Mã hồ sơ' }, { value: 'Thời gian thực hiện' }],
      [{ value: '000.00.12.H32-251120-0001' }, { value: new Date(Date.UTC(2025, 10, 20, 8, 5)), type: Date, format: 'dd/mm/yyyy hh:mm' }],
    ] as never).toBuffer();
    expect(declaredZipSize(bytes)).toBeGreaterThan(bytes.length);
    expect(await readXlsx(bytes)).toEqual([
      ['Mã hồ sơ', 'Thời gian thực hiện'],
      ['000.00.12.H32-251120-0001', '20/11/2025 08:05'],
    ]);
    await expect(readXlsx(Buffer.from('PK not really a zip, padded to be long enough'))).rejects.toThrow(UnreadableFile);
  });

  it('times are Vietnam’s wall clock; impossible ones are refused', () => {
    expect(parseLocalDateTime('20/11/2025 08:05')).toBe(Date.parse('2025-11-20T08:05:00+07:00'));
    expect(parseLocalDateTime('20/11/2025 08:05:30')).toBe(Date.parse('2025-11-20T08:05:30+07:00'));
    expect(parseLocalDateTime('31/11/2025 08:05')).toBeNull();
    expect(parseLocalDateTime('20/11/2025 24:00')).toBeNull();
    expect(parseLocalDateTime('2025-11-20T08:05')).toBeNull();
  });

  it('finds the header under title lines, keeps the mapped facts, names the dropped columns', () => {
    const out = readLog(
      [
        ['SỔ THEO DÕI HỒ SƠ'],
        ['STT', 'Mã hồ sơ', 'Người nộp', 'Thao tác', 'Cán bộ thực hiện', 'Cán bộ nhận', 'Thời gian thực hiện'],
        ['1', '000.00.12.H32-251120-0001', 'Nguyễn Văn A', 'Chuyển bước xử lý', 'motcua1', 'chuyenvien1', '20/11/2025 08:05'],
        ['2', '000.00.12.H32-251120-0001', 'Nguyễn Văn A', 'Ký duyệt', 'lanhdao1', '', '21/11/2025 08:05'],
      ],
      { columns: DEFAULT_COLUMNS },
    );
    if ('error' in out) throw new Error(out.error);
    expect(out.droppedColumns).toEqual(['STT', 'Người nộp']);
    expect(out.rows.map((r) => r.facts)).toEqual([
      {
        dossierCode: '000.00.12.H32-251120-0001',
        procedureCode: null,
        step: null,
        action: 'forward',
        actor: 'motcua1',
        receiver: 'chuyenvien1',
        at: Date.parse('2025-11-20T08:05:00+07:00'),
      },
      {
        dossierCode: '000.00.12.H32-251120-0001',
        procedureCode: null,
        step: null,
        action: 'approve',
        actor: 'lanhdao1',
        receiver: null,
        at: Date.parse('2025-11-21T08:05:00+07:00'),
      },
    ]);
    expect(JSON.stringify(out.rows)).not.toContain('Nguyễn Văn A');
  });
});
