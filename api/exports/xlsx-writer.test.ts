import { crc32 } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { xlsxDocument } from './xlsx-writer.ts';

/** Reads a stored ZIP through its central directory, checking every entry's offset, sizes and CRC. */
function unzipStored(bytes: Uint8Array): Map<string, string> {
  const b = Buffer.from(bytes);
  const end = b.length - 22;
  expect(b.readUInt32LE(end)).toBe(0x06054b50);
  const count = b.readUInt16LE(end + 10);
  let p = b.readUInt32LE(end + 16);
  const out = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    expect(b.readUInt32LE(p)).toBe(0x02014b50);
    const [crc, size, nameLen, offset] = [b.readUInt32LE(p + 16), b.readUInt32LE(p + 20), b.readUInt16LE(p + 28), b.readUInt32LE(p + 42)];
    const name = b.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    expect(b.readUInt32LE(offset)).toBe(0x04034b50);
    const start = offset + 30 + b.readUInt16LE(offset + 26) + b.readUInt16LE(offset + 28);
    const data = b.subarray(start, start + size);
    expect(crc32(data)).toBe(crc);
    out.set(name, data.toString('utf8'));
    p += 46 + nameLen;
  }
  return out;
}

describe('xlsx writer', () => {
  test('a valid package: the five parts, numbers as numbers, text inline and escaped', () => {
    const files = unzipStored(
      xlsxDocument('KPI 2026-Q1', [
        ['trường', 'giá trị'],
        ['Giờ làm việc <b>', 12.5],
        ['=SUM(A1)', null],
      ]),
    );
    expect([...files.keys()]).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/worksheets/sheet1.xml',
    ]);
    const sheet = files.get('xl/worksheets/sheet1.xml')!;
    expect(sheet).toContain('<c r="B2"><v>12.5</v></c>');
    expect(sheet).toContain('<t xml:space="preserve">Giờ làm việc &lt;b&gt;</t>');
    // Text that looks like a formula stays text: an inline string, never <f>.
    expect(sheet).not.toContain('<f>');
    expect(files.get('xl/workbook.xml')).toContain('name="KPI 2026-Q1"');
  });

  test('the same rows give the same bytes', () => {
    expect(Buffer.from(xlsxDocument('a', [['x', 1]])).equals(Buffer.from(xlsxDocument('a', [['x', 1]])))).toBe(true);
  });
});
