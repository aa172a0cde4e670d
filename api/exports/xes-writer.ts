import type { ActionEventRow } from './action-events.repository.ts';
import { escapeXml } from './xml-escape.ts';

const str = (key: string, value: string, indent: string) => `${indent}<string key="${escapeXml(key)}" value="${escapeXml(value)}"/>\n`;

/**
 * IEEE 1849-2016 XES: one trace per dossier (concept:name = dossier code), one event per action
 * (concept:name = action, org:resource = the official's username, org:group = the unit the
 * official acted for, time:timestamp). The standard extensions used are declared with their
 * canonical URIs, and globals give every trace and event the keys tools rely on.
 */
export async function* xesChunks(
  events: AsyncIterable<ActionEventRow>,
  meta: { name: string; exportedAt: number },
): AsyncGenerator<string> {
  yield [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<log xes.version="1849-2016" xes.features="nested-attributes" xmlns="http://www.xes-standard.org/">\n',
    '  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>\n',
    '  <extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>\n',
    '  <extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>\n',
    '  <extension name="Lifecycle" prefix="lifecycle" uri="http://www.xes-standard.org/lifecycle.xesext"/>\n',
    '  <extension name="Identity" prefix="identity" uri="http://www.xes-standard.org/identity.xesext"/>\n',
    '  <global scope="trace">\n    <string key="concept:name" value="__INVALID__"/>\n  </global>\n',
    '  <global scope="event">\n    <string key="concept:name" value="__INVALID__"/>\n',
    '    <string key="org:resource" value="__INVALID__"/>\n    <string key="org:group" value="__INVALID__"/>\n',
    '    <date key="time:timestamp" value="1970-01-01T00:00:00.000Z"/>\n    <string key="lifecycle:transition" value="complete"/>\n  </global>\n',
    '  <classifier name="Activity" keys="concept:name"/>\n',
    '  <classifier name="Resource" keys="org:resource"/>\n',
    str('concept:name', meta.name, '  '),
    `  <date key="exportedAt" value="${new Date(meta.exportedAt).toISOString()}"/>\n`,
  ].join('');

  let trace: string | null = null;
  let buffer = '';
  for await (const e of events) {
    if (e.dossierCode !== trace) {
      if (trace !== null) buffer += '  </trace>\n';
      trace = e.dossierCode;
      buffer += '  <trace>\n' + str('concept:name', trace, '    ');
    }
    buffer +=
      '    <event>\n' +
      str('concept:name', e.action, '      ') +
      // An official deleted since still has events: their id stands in for the username.
      str('org:resource', e.username ?? e.officialId, '      ') +
      str('org:group', e.unitId, '      ') +
      `      <date key="time:timestamp" value="${new Date(e.at).toISOString()}"/>\n` +
      str('lifecycle:transition', 'complete', '      ') +
      `      <id key="identity:id" value="${escapeXml(e.id)}"/>
` +
      (e.step ? str('step', e.step, '      ') : '') +
      '    </event>\n';
    if (buffer.length > 64_000) {
      yield buffer;
      buffer = '';
    }
  }
  if (trace !== null) buffer += '  </trace>\n';
  yield buffer + '</log>\n';
}
