import { parseHTML } from 'linkedom';
import { expect, test } from 'vitest';
import { emptySummary, summarizeMutations } from './mutations.ts';

const doc = parseHTML(
  '<html><body><p id="out">x</p><table><tbody><tr class="row" id="a"><td>1</td></tr><tr class="row" id="b"><td>2</td></tr></tbody></table></body></html>',
).document as unknown as Document;
const known = new Set<Element>([doc.getElementById('a')!, doc.getElementById('b')!]);
const rowOf = (el: Element) => {
  const row = el.closest('tr.row');
  return row ? (known.has(row) ? row : undefined) : null;
};
const rec = (type: 'childList' | 'characterData', target: Node, addedNodes: Node[] = [], removedNodes: Node[] = []) =>
  ({ type, target, addedNodes, removedNodes }) as unknown as MutationRecord;

test("the extension's own hosts coming and going count for nothing", () => {
  const pill = doc.createElement('dossier-pulse-pill');
  const into = emptySummary();
  expect(
    summarizeMutations(
      [
        rec('childList', doc.documentElement, [pill]),
        rec('childList', doc.documentElement, [], [doc.createElement('dossier-pulse-overlay')]),
      ],
      rowOf,
      into,
    ),
  ).toBe(0);
  expect(into).toEqual(emptySummary());
});

test('changes inside rows name those rows and nothing else', () => {
  const into = emptySummary();
  const cell = doc.querySelector('#b td')!;
  expect(
    summarizeMutations(
      [rec('characterData', cell.firstChild!), rec('childList', cell, [doc.createTextNode('3')], [cell.firstChild!])],
      rowOf,
      into,
    ),
  ).toBe(2);
  expect([...into.rows].map((r) => r.id)).toEqual(['b']);
  expect(into.outside).toBe(false);
  expect(into.structural).toBe(false);
});

test('text changing outside rows is outside but not structural; elements coming or going outside rows are', () => {
  const text = emptySummary();
  summarizeMutations(
    [rec('childList', doc.getElementById('out')!, [doc.createTextNode('y')], [doc.getElementById('out')!.firstChild!])],
    rowOf,
    text,
  );
  expect(text).toMatchObject({ outside: true, structural: false });
  expect(text.rows.size).toBe(0);
  const tbody = doc.querySelector('tbody')!;
  const elements = emptySummary();
  summarizeMutations([rec('childList', tbody, [], [doc.createElement('tr')])], rowOf, elements);
  expect(elements).toMatchObject({ outside: true, structural: true });
});

test('a change inside an element that matches the row selector but is not a known row means rows must be found again', () => {
  const fresh = doc.createElement('tr');
  fresh.className = 'row';
  fresh.innerHTML = '<td>9</td>';
  doc.querySelector('tbody')!.append(fresh);
  const into = emptySummary();
  summarizeMutations([rec('characterData', fresh.querySelector('td')!.firstChild!)], rowOf, into);
  expect(into.structural).toBe(true);
  fresh.remove();
});

test('elements coming or going right after a node below the rows read are not structural; anywhere else they are', () => {
  const tbody = doc.querySelector('tbody')!;
  const b = doc.getElementById('b')!;
  const after = (previousSibling: Node) =>
    ({ ...rec('childList', tbody, [doc.createElement('tr')], [doc.createElement('tr')]), previousSibling }) as unknown as MutationRecord;
  const belowB = (n: Node) => n === b;
  const lower = emptySummary();
  summarizeMutations([after(b)], rowOf, lower, belowB);
  expect(lower).toMatchObject({ outside: true, structural: false });
  const higher = emptySummary();
  summarizeMutations([after(doc.getElementById('a')!)], rowOf, higher, belowB);
  expect(higher.structural).toBe(true);
});
