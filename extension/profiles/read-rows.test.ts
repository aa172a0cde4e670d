import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import type { PageRule } from '../../shared/schemas/profile.ts';
import { BUNDLED_PROFILES, profilesFor } from './registry.ts';
import { listRowElements, pageRuleFor, readFields, readPage } from './read-page.ts';
import { readField } from './read-field.ts';
import { asCode, readRow } from './read-rows.ts';
import type { SavedPage } from '../../tests/fixtures/save-pages.ts';

const DIR = join(import.meta.dirname, '../../tests/fixtures/pages');
const pages = JSON.parse(readFileSync(join(DIR, 'pages.json'), 'utf8')) as SavedPage[];
const html = (s: string) => parseHTML(`<!doctype html><html><body>${s}</body></html>`).document as unknown as Document;
const code = (i: number) => `000.00.12.H32-251120-${String(i).padStart(4, '0')}`;

/** The compiled row reader against the general one (`readField` per field): they must agree on every row. */
function bothWays(doc: Document, rule: PageRule) {
  const { selector, elements: found } = listRowElements(doc, rule);
  expect(selector).not.toBeNull();
  const elements = Array.from(found);
  const fast = elements.map((e) => readRow(e, rule, 'dd/MM/yyyy HH:mm'));
  const general = elements.map((e) => {
    const code = asCode(readField(e, rule.code!));
    return { dossierCode: code, fields: code ? readFields(e, rule, 'dd/MM/yyyy HH:mm') : {} };
  });
  return { fast: fast.map(({ dossierCode, fields }) => ({ dossierCode, fields })), general, reads: fast };
}

describe.each(pages.filter((p) => p.kind === 'list'))('row reader on $file', (saved) => {
  test('reads what the general field reader reads', () => {
    const doc = parseHTML(readFileSync(join(DIR, saved.file), 'utf8')).document as unknown as Document;
    const rule = pageRuleFor(profilesFor(BUNDLED_PROFILES, saved.url)[0]!, saved.url)!;
    const { fast, general } = bothWays(doc, rule);
    expect(fast).toEqual(general);
    expect(fast.filter((r) => r.dossierCode).length).toBe(saved.broken ? 0 : saved.codes.length);
  });
});

describe('row reader on awkward markup', () => {
  const rule: PageRule = {
    kind: 'list',
    path: '.*',
    rows: { selectors: ['table.list tr.row'] },
    code: { selectors: ['td.code a', 'td.code'] },
    fields: {
      // Fallbacks: an invalid selector, one matched against ancestors outside the row, a form value.
      status: { selectors: ['[[bad', 'table.list .status', '.status-alt'] },
      step: { selectors: [':scope > td.step', 'input.step'], attr: 'value' },
      procedureCode: { selectors: ['.proc'] },
      appointmentAt: { selectors: ['.dates', '.dates-alt'], pattern: 'hẹn trả: (\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2})' },
    },
  };
  const row = (i: number) => {
    const link = i % 5 === 0 ? '' : `<a>${code(i)}</a>`;
    const codeCell = i % 5 === 0 ? `<td class="code">Mã: ${code(i)}</td>` : `<td class="code">${link}</td>`;
    const status =
      i % 3 === 0
        ? `<span class="status">   </span><span class="status-alt">Chờ  ký</span>`
        : `<span class="status">Đang xử lý</span><span class="status">second</span>`;
    const step = i % 4 === 0 ? `<td><input class="step" value="Thẩm định"></td>` : `<td class="step">Bước ${i}</td>`;
    const dates =
      i % 6 === 0
        ? `<span class="dates">no date</span><span class="dates-alt">hẹn trả: 0${1 + (i % 9)}/12/2025 17:00</span>`
        : `<span class="dates">hẹn trả: 31/02/2025 10:00</span>`;
    const proc = i % 7 === 0 ? '<span class="proc">not a code</span>' : '<span class="proc">1.001193.000.00.00.H32</span>';
    return `<tr class="row">${codeCell}<td>${status}</td>${step}<td>${dates}${proc}</td></tr>`;
  };
  const list = (rows: string) => `<table class="list"><tr class="head"><th>Mã</th></tr>${rows}</table>`;

  test('fallback selectors, patterns, attributes, rows without a match: the same as the general reader', () => {
    const rows = Array.from({ length: 60 }, (_, i) => row(i)).join('') + '<tr class="row"><td>no code here</td></tr>' + row(3);
    const { fast, general, reads } = bothWays(html(`<div class="status">outside</div>${list(rows)}`), rule);
    expect(fast).toEqual(general);
    // The code's own element is kept, for the badge.
    expect(reads[1]!.codeElement?.tagName).toBe('A');
    expect(reads[5]!.codeElement?.tagName).toBe('TD');
    // The cases really occur: fallbacks taken, a pattern skipped to the next selector, a code-less row.
    expect(fast[3]!.fields.status).toBe('Chờ ký');
    expect(fast[1]!.fields.status).toBe('Đang xử lý');
    expect(fast[4]!.fields.step).toBe('Thẩm định');
    expect(fast[6]!.fields.appointmentAt).toBe('2025-12-07T10:00:00.000Z');
    expect(fast[5]!.dossierCode).toBe(code(5));
    expect(fast[60]!.dossierCode).toBeNull();
  });

  test('readPage keeps each code once, at its first row, and reports a list with no code as a miss', () => {
    const rows = Array.from({ length: 40 }, (_, i) => row(i)).join('') + row(2);
    const reading = readPage(html(list(rows)), 'http://x/', {
      id: 'awkward',
      version: 1,
      name: 'x',
      matches: ['<all_urls>'],
      pages: [rule],
      actions: [],
      dateFormat: 'dd/MM/yyyy HH:mm',
      allFrames: true,
    });
    expect(reading.rows.map((r) => r.dossierCode)).toEqual(Array.from({ length: 40 }, (_, i) => code(i)));
    expect(reading.rows[2]!.element).not.toBe(reading.rows.at(-1)!.element);
    const empty = readPage(html(list('<tr class="row"><td>-</td></tr>'.repeat(20))), 'http://x/', {
      id: 'awkward',
      version: 1,
      name: 'x',
      matches: ['<all_urls>'],
      pages: [rule],
      actions: [],
      dateFormat: 'dd/MM/yyyy HH:mm',
      allFrames: true,
    });
    expect(empty.misses).toEqual(['code']);
  });
});

describe('the current handler on the bundled profiles’ rows', () => {
  test('a name is read; a placeholder (nobody assigned, no handler any more) is not a handler', () => {
    const spa = BUNDLED_PROFILES.find((p) => p.id === 'backoffice-spa')!;
    const rule = pageRuleFor(spa, 'http://127.0.0.1:1/dvc/tra-cuu')!;
    const tr = (i: number, handler: string) =>
      `<tr class="ant-table-row"><td><a class="dossier-code">${code(i)}</a></td><td><div class="current-step">Thẩm định</div><div class="current-handler">${handler}</div></td></tr>`;
    const doc = html(
      `<div class="dossier-list" data-state="loaded"><table class="dossier-table"><tbody>${tr(1, ' Lê  Minh Tuấn ')}${tr(2, 'Chưa phân công')}${tr(3, '—')}</tbody></table></div>`,
    );
    const { fast, general } = bothWays(doc, rule);
    expect(fast).toEqual(general);
    expect(fast.map((r) => r.fields.handler)).toEqual(['Lê Minh Tuấn', undefined, undefined]);
  });
});
