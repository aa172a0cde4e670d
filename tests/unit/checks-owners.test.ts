// One owner per concept: a search of the product code (shared/, api/, extension/, scripts/, tests
// excluded) finds each of these defined once, where the README's design notes say it lives.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { csvLine } from '../../shared/csv/csv-writer.ts';
import { toCsv } from '../../api/dashboard/app/lib/csv.ts';
import { SEVERITY_RANK, SEVERITIES } from '../../shared/rules/types.ts';

const REPO = resolve(import.meta.dirname, '../..');

function productFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(join(REPO, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) productFiles(path, out);
    else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$|test-support\.ts$|\.d\.ts$/.test(entry.name)) out.push(path);
  }
  return out;
}
const FILES = ['shared', 'api', 'extension', 'scripts'].flatMap((d) => productFiles(d));
const source = new Map(FILES.map((f) => [f, readFileSync(join(REPO, f), 'utf8')]));
const filesMatching = (re: RegExp) => FILES.filter((f) => re.test(source.get(f)!));

describe('one owner per concept', () => {
  test('the search covers the product code', () => {
    expect(FILES.length).toBeGreaterThan(300);
    expect(FILES).toContain('shared/calendar/civil-date.ts');
  });

  test('the UTC+7 offset is written once, in shared/calendar/civil-date.ts', () => {
    // 7 * 3600_000, 7 * 3_600_000, 7 * 60 * 60 * 1000, 25_200_000, 420 minutes, '+07:00'.
    const offset = /\b7\s*\*\s*(3_?600_?000|60\s*\*\s*60)|\b25_?200_?000\b|=\s*420\b|\+07:00/;
    expect(filesMatching(offset)).toEqual(['shared/calendar/civil-date.ts']);
    expect(source.get('shared/calendar/civil-date.ts')).toMatch(/export const VIETNAM_OFFSET_MS = 7 \* 3_600_000;/);
  });

  test('one CSV writer: quoting is written once, in shared/csv/csv-writer.ts, and the dashboard uses it', () => {
    // The test for "this field needs quotes" (/[",\r\n]/) is what a CSV writer writes.
    expect(filesMatching(/\/\[",\\r\\n\]\//)).toEqual(['shared/csv/csv-writer.ts']);
    const rows = [['Đơn vị', 'a,b', '=1+1', null, 3, Number.NaN]] as const;
    expect(toCsv(rows)).toBe(rows.map(csvLine).join(''));
    expect(toCsv(rows)).toBe('Đơn vị,"a,b",\'=1+1,,3,\r\n');
  });

  test('one severity order, worst first, in shared/rules/types.ts', () => {
    // A rank table: { critical: 0, warning: 1, info: 2 } in any order (weights and thresholds differ).
    const rankTable =
      /\bRANK\s*[:=]|\{\s*(critical|warning|info):\s*[0-3],\s*(critical|warning|info):\s*[0-3],\s*(critical|warning|info):\s*[0-3]\s*\}/;
    expect(filesMatching(rankTable)).toEqual(['shared/rules/types.ts']);
    expect([...SEVERITIES].sort((a, b) => SEVERITY_RANK[a] - SEVERITY_RANK[b])).toEqual(['critical', 'warning', 'info']);
  });
});
