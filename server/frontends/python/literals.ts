// Python literal syntax: number tokens (hex/octal/binary, underscores, complex) and string
// escapes. Pure functions over token text, independent of tree-sitter.

/** The value of an integer or float token; undefined for complex literals (`1j`) and nonsense. */
export function parseNumber(token: string): number | undefined {
  let text = token.replace(/_/g, '');
  if (/[jJ]$/.test(text)) return undefined;
  if (/^(0[xXoObB])?[0-9a-fA-F]+[lL]$/.test(text)) text = text.slice(0, -1); // Python 2 long suffix
  if (/^0[0-7]+$/.test(text)) return parseInt(text, 8); // Python 2 octal
  const value = Number(text);
  return Number.isNaN(value) ? undefined : value;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

const ESCAPE = /\\(\r\n|[\n\\'"abfnrtv]|[0-7]{1,3}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})/g;

/** Decodes the backslash escapes of a non-raw string body; unknown escapes stay as written. */
export function decodeEscapes(body: string): string {
  if (!body.includes('\\')) return body;
  return body.replace(ESCAPE, (_, esc: string) => {
    const simple = SIMPLE_ESCAPES[esc];
    if (simple !== undefined) return simple;
    if (esc === '\r\n') return '';
    const c = esc[0]!;
    const code = c === 'x' || c === 'u' || c === 'U' ? parseInt(esc.slice(1), 16) : parseInt(esc, 8);
    return code <= 0x10ffff ? String.fromCodePoint(code) : esc;
  });
}

/** Splits a string opener such as `rb'''` into its lower-cased prefix letters. */
export function stringPrefix(opener: string): string {
  const quote = opener.search(/['"]/);
  return (quote === -1 ? opener : opener.slice(0, quote)).toLowerCase();
}
