// Python's str on abstract values: str()/repr() of plain values, `%` and str.format, indexing and
// slicing by code point, and the str methods config code uses (split, join, strip, startswith...).
// Anything outside what is modelled exactly (format specs, non-ASCII case rules) is Unknown.
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import { BuiltinObj, DictObj, obj, refOf, type CallArgs } from './objects';
import type { Host } from './host';
import { raise } from './pyRaise';
import { SetObj, bool, int, intOf, isOpaque, listOf, sliceIndices, str, tupleOf } from './pyvalues';

/** repr() of a float, as CPython prints it (shortest round-trip digits, `1e+16`, `0.0001`). */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, e] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exp = Number(e);
  const point = exp + 1;
  const sign = x < 0 ? '-' : '';
  if (point > -4 && point <= 16) {
    if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
    if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}.0`;
    return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  }
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** repr() of a str: CPython's quote choice and escapes; undefined for unprintable characters. */
export function strRepr(s: string): string | undefined {
  if (/[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\xa0\u00ad\u2028\u2029\ud800-\udfff]/.test(s)) return undefined;
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const c of s) {
    if (c === '\\') out += '\\\\';
    else if (c === quote) out += `\\${c}`;
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else out += c;
  }
  return quote + out + quote;
}

/** str(v) for plain values; undefined when not known. */
export function pyStr(v: Value): string | undefined {
  return v.kind === 'str' ? v.value : pyRepr(v);
}

/** repr(v) for plain values; undefined when not known (sets print in hash order: only 0 or 1 items). */
export function pyRepr(v: Value, depth = 0): string | undefined {
  if (depth > 20 || isOpaque(v)) return undefined;
  switch (v.kind) {
    case 'str': return strRepr(v.value);
    case 'int': return v.dim.isKnown ? String(v.dim.value) : undefined;
    case 'bool': return v.value ? 'True' : 'False';
    case 'none': return 'None';
    case 'float': return floatRepr(v.value);
    case 'list':
    case 'tuple': {
      const parts = v.items.map((x) => pyRepr(x, depth + 1));
      if (parts.some((p) => p === undefined)) return undefined;
      return v.kind === 'list' ? `[${parts.join(', ')}]` : `(${parts.join(', ')}${parts.length === 1 ? ',' : ''})`;
    }
    case 'object': {
      const d = refOf(v, DictObj);
      if (d) {
        const parts = [...d.entries.values()].map(([k, x]) => {
          const a = pyRepr(k, depth + 1);
          const b = pyRepr(x, depth + 1);
          return a === undefined || b === undefined ? undefined : `${a}: ${b}`;
        });
        return parts.some((p) => p === undefined) ? undefined : `{${parts.join(', ')}}`;
      }
      const s = refOf(v, SetObj);
      if (s && s.items.size <= 1) {
        const [only] = s.items.values();
        if (!only) return 'set()';
        const r = pyRepr(only, depth + 1);
        return r === undefined ? undefined : `{${r}}`;
      }
      return undefined;
    }
    default: return undefined;
  }
}

/** `fmt % args` (printf-style) for %s %r %d %i %% with flags, width and precision. */
export function percentFormat(fmt: string, args: Value): Value {
  if (refOf(args, DictObj)) return UNKNOWN;
  if (args.kind === 'unknown') return UNKNOWN;
  const values = args.kind === 'tuple' ? args.items : [args];
  let used = 0;
  let out = '';
  const spec = /%([-+ 0#]*)(\d*)(?:\.(\d+))?([a-zA-Z%])/y;
  for (let i = 0; i < fmt.length; ) {
    if (fmt[i] !== '%') {
      out += fmt[i++];
      continue;
    }
    spec.lastIndex = i;
    const m = spec.exec(fmt);
    if (!m) return UNKNOWN;
    i = spec.lastIndex;
    const [, flags, width, precision, type] = m;
    if (Number(width || 0) > MAX_LENGTH) return UNKNOWN;
    if (type === '%') {
      out += '%';
      continue;
    }
    if (used >= values.length) return UNKNOWN;
    const v = values[used++];
    let text: string | undefined;
    if (type === 's' || type === 'r') {
      text = type === 's' ? pyStr(v) : pyRepr(v);
      if (text !== undefined && precision !== undefined) text = [...text].slice(0, Number(precision)).join('');
    } else if (type === 'd' || type === 'i' || type === 'u') {
      const n = intOf(v) ?? (v.kind === 'float' && Number.isFinite(v.value) ? Math.trunc(v.value) : undefined);
      if (n === undefined || !Number.isSafeInteger(n) || precision !== undefined) return UNKNOWN;
      text = String(Math.abs(n));
      const sign = n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
      const w = Number(width || 0);
      if (flags.includes('0') && !flags.includes('-')) text = text.padStart(w - sign.length, '0');
      text = sign + text;
    } else return UNKNOWN;
    if (text === undefined) return UNKNOWN;
    const w = Number(width || 0);
    const pad = Math.max(0, w - [...text].length);
    out += flags.includes('-') ? text + ' '.repeat(pad) : ' '.repeat(pad) + text;
  }
  // "not all arguments converted during string formatting"
  if (used !== values.length) return UNKNOWN;
  return str(out);
}

/** `fmt.format(*args, **kwargs)` for plain fields: `{}`, `{0}`, `{name}`, `!s`/`!r`, no format spec. */
export function formatMethod(fmt: string, { args, kwargs }: CallArgs): Value {
  let out = '';
  let auto = 0;
  let numbering: 'auto' | 'manual' | undefined;
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c === '}') {
      if (fmt[i + 1] !== '}') return UNKNOWN;
      out += '}';
      i++;
      continue;
    }
    if (c !== '{') {
      out += c;
      continue;
    }
    if (fmt[i + 1] === '{') {
      out += '{';
      i++;
      continue;
    }
    const end = fmt.indexOf('}', i);
    if (end < 0) return UNKNOWN;
    const field = /^([A-Za-z_]\w*|\d*)(?:!([rs]))?$/.exec(fmt.slice(i + 1, end));
    if (!field) return UNKNOWN;
    const [, name, conversion] = field;
    let v: Value | undefined;
    if (name === '' || /^\d+$/.test(name)) {
      const kind = name === '' ? 'auto' : 'manual';
      if (numbering && numbering !== kind) return UNKNOWN;
      numbering = kind;
      v = args[name === '' ? auto++ : Number(name)];
    } else v = kwargs[name];
    if (!v) return UNKNOWN;
    const text = conversion === 'r' ? pyRepr(v) : pyStr(v);
    if (text === undefined) return UNKNOWN;
    out += text;
    i = end;
  }
  return str(out);
}

/** `s[i]` and `s[a:b:c]`, by code point. */
export function strItem(s: string, index: Value): Value {
  const chars = [...s];
  if (index.kind === 'slice') {
    const at = sliceIndices(chars.length, index);
    return at ? str(at.map((i) => chars[i]).join('')) : UNKNOWN;
  }
  const i = intOf(index);
  if (i === undefined) return UNKNOWN;
  const c = chars[i < 0 ? chars.length + i : i];
  return c === undefined ? raise('IndexError') : str(c);
}

/** Longer strings are not built (CPython would; the analysis has no use for them). */
const MAX_LENGTH = 100_000;

// CPython's str.split() whitespace and str.splitlines() line boundaries.
const SPACE = ' \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';
const LINE_BREAKS = /\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/;

const isAscii = (s: string): boolean => /^[\x00-\x7f]*$/.test(s);

function stripChars(s: string, chars: string | undefined, left: boolean, right: boolean): string {
  const set = chars ?? SPACE;
  const cs = [...s];
  let a = 0;
  let b = cs.length;
  if (left) while (a < b && set.includes(cs[a])) a++;
  if (right) while (b > a && set.includes(cs[b - 1])) b--;
  return cs.slice(a, b).join('');
}

function splitWhitespace(s: string, maxsplit: number, fromRight: boolean): string[] {
  const words: string[] = [];
  const cs = [...s];
  if (!fromRight) {
    let i = 0;
    while (i < cs.length) {
      while (i < cs.length && SPACE.includes(cs[i])) i++;
      if (i >= cs.length) break;
      if (maxsplit >= 0 && words.length === maxsplit) {
        words.push(stripChars(cs.slice(i).join(''), undefined, false, true));
        break;
      }
      let j = i;
      while (j < cs.length && !SPACE.includes(cs[j])) j++;
      words.push(cs.slice(i, j).join(''));
      i = j;
    }
    return words;
  }
  let i = cs.length;
  while (i > 0) {
    while (i > 0 && SPACE.includes(cs[i - 1])) i--;
    if (i <= 0) break;
    if (maxsplit >= 0 && words.length === maxsplit) {
      words.unshift(stripChars(cs.slice(0, i).join(''), undefined, true, false));
      break;
    }
    let j = i;
    while (j > 0 && !SPACE.includes(cs[j - 1])) j--;
    words.unshift(cs.slice(j, i).join(''));
    i = j;
  }
  return words;
}

function splitSep(s: string, sep: string, maxsplit: number, fromRight: boolean): string[] {
  const parts = s.split(sep);
  if (maxsplit < 0 || parts.length - 1 <= maxsplit) return parts;
  return fromRight
    ? [parts.slice(0, parts.length - maxsplit).join(sep), ...parts.slice(parts.length - maxsplit)]
    : [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sep)];
}

/** Occurrences of `sub` as CPython counts them (non-overlapping; `''` matches len + 1 times). */
function countOf(s: string, sub: string): number {
  if (sub === '') return [...s].length + 1;
  return s.split(sub).length - 1;
}

/** title(): a cased letter after an uncased character starts a word (ASCII only). */
function title(s: string): string {
  let out = '';
  let prevCased = false;
  for (const c of s) {
    const cased = /[A-Za-z]/.test(c);
    out += cased ? (prevCased ? c.toLowerCase() : c.toUpperCase()) : c;
    prevCased = cased;
  }
  return out;
}

type StrImpl = (s: string, args: readonly Value[], kwargs: Readonly<Record<string, Value>>, host?: Host) => Value;

const strArg = (v: Value | undefined): string | undefined => (v?.kind === 'str' ? v.value : undefined);

/** A method taking only positional string arguments, `min`..`max` of them. */
const positional = (min: number, max: number, f: (s: string, args: readonly Value[], host?: Host) => Value): StrImpl => (s, args, kwargs, host) =>
  Object.keys(kwargs).length > 0 || args.length < min || args.length > max ? raise('TypeError') : f(s, args, host);

/** An ASCII-only predicate or case mapping (Unicode case rules beyond ASCII are not modelled). */
const ascii = (f: (s: string) => Value): StrImpl => positional(0, 0, (s) => (isAscii(s) ? f(s) : UNKNOWN));

function splitImpl(fromRight: boolean): StrImpl {
  return (s, args, kwargs) => {
    const names = Object.keys(kwargs);
    if (args.length > 2 || names.some((k) => k !== 'sep' && k !== 'maxsplit')) return UNKNOWN;
    const sepV = args[0] ?? kwargs.sep;
    const maxV = args[1] ?? kwargs.maxsplit;
    const maxsplit = maxV === undefined ? -1 : intOf(maxV);
    if (maxsplit === undefined) return UNKNOWN;
    if (sepV === undefined || sepV.kind === 'none') return listOf(splitWhitespace(s, maxsplit, fromRight).map(str));
    if (sepV.kind !== 'str') return UNKNOWN;
    if (sepV.value === '') raise('ValueError');
    return listOf(splitSep(s, sepV.value, maxsplit, fromRight).map(str));
  };
}

function stripImpl(left: boolean, right: boolean): StrImpl {
  return positional(0, 1, (s, [chars]) => {
    if (chars !== undefined && chars.kind !== 'str' && chars.kind !== 'none') return UNKNOWN;
    return str(stripChars(s, chars?.kind === 'str' ? chars.value : undefined, left, right));
  });
}

function affixImpl(end: boolean): StrImpl {
  return positional(1, 1, (s, [x]) => {
    const options = x.kind === 'tuple' ? x.items : [x];
    if (options.length === 0 || options.some((o) => o.kind !== 'str')) return x.kind === 'tuple' && options.length === 0 ? bool(false) : UNKNOWN;
    return bool(options.some((o) => (end ? s.endsWith((o as { value: string }).value) : s.startsWith((o as { value: string }).value))));
  });
}

/** Positions count code points; strings with surrogate pairs are left Unknown. */
function findImpl(kind: 'find' | 'rfind' | 'index' | 'rindex' | 'count'): StrImpl {
  return positional(1, 1, (s, [x]) => {
    const sub = strArg(x);
    if (sub === undefined || /[\ud800-\udfff]/.test(s + sub)) return UNKNOWN;
    if (kind === 'count') return int(countOf(s, sub));
    const at = kind === 'find' || kind === 'index' ? s.indexOf(sub) : s.lastIndexOf(sub);
    return at < 0 && (kind === 'index' || kind === 'rindex') ? raise('ValueError') : int(at);
  });
}

function padImpl(kind: 'center' | 'ljust' | 'rjust' | 'zfill'): StrImpl {
  return positional(1, kind === 'zfill' ? 1 : 2, (s, [w, f]) => {
    const width = intOf(w);
    const fill = f === undefined ? ' ' : strArg(f);
    if (width === undefined || fill === undefined || [...fill].length !== 1 || width > MAX_LENGTH) return UNKNOWN;
    const n = [...s].length;
    const pad = width - n;
    if (pad <= 0) return str(s);
    if (kind === 'ljust') return str(s + fill.repeat(pad));
    if (kind === 'rjust') return str(fill.repeat(pad) + s);
    if (kind === 'zfill') {
      const signed = s[0] === '+' || s[0] === '-';
      return str(signed ? s[0] + '0'.repeat(pad) + s.slice(1) : '0'.repeat(pad) + s);
    }
    // CPython's center puts the odd pad character on the left when the width is odd.
    const left = Math.floor(pad / 2) + (pad & width & 1);
    return str(fill.repeat(left) + s + fill.repeat(pad - left));
  });
}

const STR_METHODS: Record<string, StrImpl> = {
  split: splitImpl(false),
  rsplit: splitImpl(true),
  splitlines: positional(0, 0, (s) => {
    const lines = s.split(LINE_BREAKS);
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return listOf(lines.map(str));
  }),
  join: positional(1, 1, (s, [xs], host) => {
    const items = isOpaque(xs) || refOf(xs, SetObj) ? undefined : host?.iterate(xs);
    if (!items || items.some((x) => x.kind !== 'str')) return UNKNOWN;
    return str(items.map((x) => (x as { value: string }).value).join(s));
  }),
  strip: stripImpl(true, true),
  lstrip: stripImpl(true, false),
  rstrip: stripImpl(false, true),
  startswith: affixImpl(false),
  endswith: affixImpl(true),
  replace: positional(2, 3, (s, [a, b, n]) => {
    const old = strArg(a);
    const rep = strArg(b);
    const count = n === undefined ? -1 : intOf(n);
    if (old === undefined || rep === undefined || count === undefined) return UNKNOWN;
    if (count < 0) return str(s.split(old).join(rep));
    if (old === '') return UNKNOWN;
    const parts = s.split(old);
    return str(parts.slice(0, count + 1).join(rep) + (parts.length > count + 1 ? old + parts.slice(count + 1).join(old) : ''));
  }),
  find: findImpl('find'),
  rfind: findImpl('rfind'),
  index: findImpl('index'),
  rindex: findImpl('rindex'),
  count: findImpl('count'),
  upper: positional(0, 0, (s) => (isAscii(s) || /^[\x00-\xfe]*$/.test(s) && !s.includes('ß') ? str(s.toUpperCase()) : UNKNOWN)),
  lower: positional(0, 0, (s) => (/^[\x00-\xff]*$/.test(s) ? str(s.toLowerCase()) : UNKNOWN)),
  casefold: ascii((s) => str(s.toLowerCase())),
  title: ascii((s) => str(title(s))),
  capitalize: ascii((s) => str(s.slice(0, 1).toUpperCase() + s.slice(1).toLowerCase())),
  swapcase: ascii((s) => str([...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''))),
  isdigit: ascii((s) => bool(/^[0-9]+$/.test(s))),
  isdecimal: ascii((s) => bool(/^[0-9]+$/.test(s))),
  isnumeric: ascii((s) => bool(/^[0-9]+$/.test(s))),
  isalpha: ascii((s) => bool(/^[A-Za-z]+$/.test(s))),
  isalnum: ascii((s) => bool(/^[A-Za-z0-9]+$/.test(s))),
  isspace: ascii((s) => bool(/^[ \t\n\r\x0b\x0c\x1c-\x1f]+$/.test(s))),
  isupper: ascii((s) => bool(/[A-Z]/.test(s) && !/[a-z]/.test(s))),
  islower: ascii((s) => bool(/[a-z]/.test(s) && !/[A-Z]/.test(s))),
  isidentifier: ascii((s) => bool(/^[A-Za-z_][A-Za-z0-9_]*$/.test(s))),
  center: padImpl('center'),
  ljust: padImpl('ljust'),
  rjust: padImpl('rjust'),
  zfill: padImpl('zfill'),
  removeprefix: positional(1, 1, (s, [p]) => (p.kind === 'str' ? str(p.value && s.startsWith(p.value) ? s.slice(p.value.length) : s) : UNKNOWN)),
  removesuffix: positional(1, 1, (s, [p]) => (p.kind === 'str' ? str(p.value && s.endsWith(p.value) ? s.slice(0, s.length - p.value.length) : s) : UNKNOWN)),
  partition: positional(1, 1, (s, [p]) => {
    const sep = strArg(p);
    if (!sep) return UNKNOWN;
    const at = s.indexOf(sep);
    return tupleOf((at < 0 ? [s, '', ''] : [s.slice(0, at), sep, s.slice(at + sep.length)]).map(str));
  }),
  rpartition: positional(1, 1, (s, [p]) => {
    const sep = strArg(p);
    if (!sep) return UNKNOWN;
    const at = s.lastIndexOf(sep);
    return tupleOf((at < 0 ? ['', '', s] : [s.slice(0, at), sep, s.slice(at + sep.length)]).map(str));
  }),
  format: (s, args, kwargs) => formatMethod(s, { args, kwargs }),
};

/** `s.name` for a str value: a bound method, or Unknown for one not modelled. */
export function strAttr(s: string, name: string): Value {
  const impl = Object.prototype.hasOwnProperty.call(STR_METHODS, name) ? STR_METHODS[name] : undefined;
  return impl ? obj(new BuiltinObj(`str.${name}`, ({ args, kwargs }, _site, host) => impl(s, args, kwargs, host))) : UNKNOWN;
}

/** `str.name` (the unbound method, as in `key=str.lower`): called with the string first. */
export function strTypeAttr(name: string): Value {
  const impl = Object.prototype.hasOwnProperty.call(STR_METHODS, name) ? STR_METHODS[name] : undefined;
  if (!impl) return UNKNOWN;
  return obj(new BuiltinObj(`str.${name}`, ({ args: [self, ...rest], kwargs }, _site, host) => (self?.kind === 'str' ? impl(self.value, rest, kwargs, host) : UNKNOWN)));
}
