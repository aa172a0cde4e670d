import { expect, test } from 'vitest';
import { buildOpenApiDocument } from '../../api/openapi/openapi-document.ts';
import { ROUTE_TABLE } from '../../api/openapi/route-table.ts';

type Schema = { description?: string; properties?: Record<string, Schema>; items?: Schema; $ref?: string; anyOf?: Schema[] };

/** A province admin reading /docs learns every field of a site profile there (issue 16). */
test('every field of a site profile carries a description in the OpenAPI document, Vietnamese first', () => {
  const doc = buildOpenApiDocument(ROUTE_TABLE) as {
    paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>>;
    components: { schemas: Record<string, Schema> };
  };
  const resolve = (s: Schema): Schema => (s.$ref ? resolve(doc.components.schemas[s.$ref.split('/').pop()!]!) : s);
  const feed = resolve(doc.paths['/v1/profiles']!.get!.responses['200']!.content!['application/json']!.schema);
  const profile = resolve(resolve(feed.properties!.profiles!).items!);
  const missing: string[] = [];
  const checked: string[] = [];
  const walk = (s: Schema, path: string) => {
    const r = resolve(s);
    for (const [k, v] of Object.entries(r.properties ?? {})) {
      const field = resolve(v);
      checked.push(`${path}${k}`);
      const desc = v.description ?? field.description;
      if (!desc) missing.push(`${path}${k}`);
      // Vietnamese first, English after the slash.
      else expect(desc, `${path}${k}`).toMatch(/^[^/]*[\u00C0-\u1EF9][\s\S]* \/ /u);
      const inner = field.items ? resolve(field.items) : field;
      if (inner.properties) walk(inner, `${path}${k}.`);
    }
  };
  walk(profile, '');
  expect(missing).toEqual([]);
  // The walk reached the nested rules: pages, their fields, actions and their receiver.
  expect(checked).toEqual(expect.arrayContaining(['pages.fields.status.selectors', 'actions.toAccount.pattern', 'user.attr']));
  expect(Object.keys(profile.properties!)).toContain('ownsOrigin');
});
