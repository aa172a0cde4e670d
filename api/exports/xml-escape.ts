/**
 * Text for XML 1.0 attribute values and content. Characters XML 1.0 cannot carry at all (C0
 * controls other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF) are replaced with U+FFFD, since
 * no escape can represent them; tab, LF and CR are written as character references so attribute
 * value normalisation does not turn them into spaces.
 */
const INVALID =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

export function escapeXml(value: string): string {
  return value.replace(INVALID, '\uFFFD').replace(/[&<>"'\t\n\r]/g, (ch) => ENTITIES[ch]!);
}

/** HTML text and attribute values (the report); the same characters matter. */
export const escapeHtml = escapeXml;
