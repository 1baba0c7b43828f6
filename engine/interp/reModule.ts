// Python's `re`, for the strings model files parse their configuration from (timm's and
// EfficientNet-PyTorch's block strings: `re.split(r'(\d.*)', 'k3')` of 'ir_r1_k3_s1_e1_c16').
// match, fullmatch, search, split, findall, sub, escape and compile run on JavaScript's RegExp
// where the two languages read a pattern alike: ASCII strings without newlines (where `\d`, `\w`,
// `\b` and `$` agree), named groups translated. Anything else is Unknown: inline flags or
// comments (`(?i)`, `(?#`), `(?P=name)`, `{,n}`, VERBOSE, a callable replacement, an empty match
// (CPython's rules for them differ from JavaScript's), a value not known.
import type { Value } from '../value';
import { NONE, UNKNOWN } from '../value';
import { BuiltinObj, PyModuleObj, obj, type CallArgs } from './objects';
import { int, intOf, listOf, str, tupleOf } from './pyvalues';
import { namespace } from './argparseApi';

const FLAGS: Record<string, number> = { IGNORECASE: 2, I: 2, MULTILINE: 8, M: 8, DOTALL: 16, S: 16, UNICODE: 32, U: 32, VERBOSE: 64, X: 64, ASCII: 256, A: 256 };

/** CPython's `re._special_chars_map`: the characters `re.escape` puts a backslash before. */
const SPECIAL = new Set('()[]{}?*+-|^$\\.&~# \t\n\r\v\f');

/** A Python pattern as a JavaScript one with `flags` (`re.I | re.M` ...), or undefined where they may read it differently. */
function compiled(pattern: string, flags: number, extra: string): RegExp | undefined {
  if (flags & ~(2 | 8 | 16 | 32 | 256)) return undefined;
  if (/[^\x20-\x7e]/.test(pattern) || /\{,/.test(pattern) || /\[\^?\]/.test(pattern) || /\(\?P=/.test(pattern) || /\\[ZAGgLluUNx0-9]/.test(pattern.replace(/\\\\/g, ''))) return undefined;
  // Groups other than (?:, (?=, (?!, (?<=, (?<! and (?P<name> (inline flags, comments, conditionals).
  if (/\(\?(?![:=!]|<[=!]|P<)/.test(pattern.replace(/\\\\/g, '').replace(/\\\(/g, ''))) return undefined;
  const js = pattern.replace(/\(\?P</g, '(?<');
  let f = 'd' + extra;
  if (flags & 2) f += 'i';
  if (flags & 8) f += 'm';
  if (flags & 16) f += 's';
  try {
    return new RegExp(js, f);
  } catch {
    return undefined;
  }
}

const plain = (s: string): boolean => !/[^\x20-\x7e\t]/.test(s);

const groupValue = (g: string | undefined): Value => (g === undefined ? NONE : str(g));

/** A match object: group, groups, groupdict, start, end, span, string. */
function matchObject(m: RegExpExecArray, subject: string): Value {
  // A group by number or by name: its text and its span (undefined when it did not take part).
  const groupAt = (v: Value | undefined): { text: string | undefined; span: [number, number] | undefined } | undefined => {
    if (v?.kind === 'str') {
      if (!m.groups || !(v.value in m.groups)) return undefined;
      return { text: m.groups[v.value], span: m.indices?.groups?.[v.value] };
    }
    const i = v === undefined ? 0 : intOf(v);
    if (i === undefined || i < 0 || i >= m.length) return undefined;
    return { text: m[i], span: m.indices?.[i] };
  };
  const method = (name: string, f: (a: CallArgs) => Value): Value => obj(new BuiltinObj(`re.Match.${name}`, (a) => f(a)));
  const at = (a: CallArgs, pick: (span: [number, number] | undefined) => Value): Value => {
    const g = groupAt(a.args[0]);
    return g ? pick(g.span) : UNKNOWN;
  };
  return namespace({
    string: str(subject),
    group: method('group', (a) => {
      const picked = (a.args.length === 0 ? [undefined] : a.args).map(groupAt);
      if (picked.some((g) => g === undefined)) return UNKNOWN;
      const values = picked.map((g) => groupValue(g!.text));
      return values.length === 1 ? values[0] : tupleOf(values);
    }),
    groups: method('groups', (a) => tupleOf(m.slice(1).map((g) => (g === undefined ? a.args[0] ?? a.kwargs.default ?? NONE : str(g))))),
    start: method('start', (a) => at(a, (s) => int(s ? s[0] : -1))),
    end: method('end', (a) => at(a, (s) => int(s ? s[1] : -1))),
    span: method('span', (a) => at(a, (s) => tupleOf(s ? [int(s[0]), int(s[1])] : [int(-1), int(-1)]))),
  });
}

/** Every non-empty match, left to right; undefined at an empty one. */
function allMatches(re: RegExp, s: string, limit = 0): RegExpExecArray[] | undefined {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m[0].length === 0) return undefined;
    out.push(m);
    if (limit > 0 && out.length >= limit) break;
  }
  return out;
}

/** `sub`'s replacement template for one match: `\1`, `\g<1>`, `\g<name>`, `\\`, `\n`, `\t`; undefined for other escapes. */
function expand(template: string, m: RegExpExecArray): string | undefined {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const rest = template.slice(i + 1);
    const named = /^g<(\w+)>/.exec(rest);
    const digits = /^[1-9][0-9]?/.exec(rest);
    if (named) {
      const g = /^\d+$/.test(named[1]) ? m[Number(named[1])] : m.groups?.[named[1]];
      if (/^\d+$/.test(named[1]) && Number(named[1]) >= m.length) return undefined;
      if (!/^\d+$/.test(named[1]) && !(m.groups && named[1] in m.groups)) return undefined;
      out += g ?? '';
      i += named[0].length;
    } else if (digits) {
      if (Number(digits[0]) >= m.length) return undefined;
      out += m[Number(digits[0])] ?? '';
      i += digits[0].length;
    } else if (rest[0] === '\\' || rest[0] === 'n' || rest[0] === 't') {
      out += rest[0] === '\\' ? '\\' : rest[0] === 'n' ? '\n' : '\t';
      i += 1;
    } else return undefined;
  }
  return out;
}

type Op = 'match' | 'fullmatch' | 'search' | 'split' | 'findall' | 'sub';

/** The names of each operation's arguments after the pattern, as `re.<op>` takes them. */
const PARAMS: Record<Op, string[]> = {
  match: ['string', 'flags'], fullmatch: ['string', 'flags'], search: ['string', 'flags'],
  split: ['string', 'maxsplit', 'flags'], findall: ['string', 'flags'], sub: ['repl', 'string', 'count', 'flags'],
};

function run(op: Op, pattern: Value | undefined, a: CallArgs, presetFlags?: number): Value {
  const bound: Record<string, Value | undefined> = {};
  const names = PARAMS[op].filter((n) => presetFlags === undefined || n !== 'flags');
  if (a.args.length > names.length || Object.keys(a.kwargs).some((k) => !names.includes(k))) return UNKNOWN;
  names.forEach((n, i) => (bound[n] = a.args[i] ?? a.kwargs[n]));
  const flags = presetFlags ?? (bound.flags === undefined ? 0 : intOf(bound.flags));
  const subject = bound.string;
  if (pattern?.kind !== 'str' || subject?.kind !== 'str' || flags === undefined || !plain(subject.value)) return UNKNOWN;
  const s = subject.value;
  if (op === 'match' || op === 'fullmatch' || op === 'search') {
    const re = compiled(op === 'fullmatch' ? `(?:${pattern.value})$` : pattern.value, flags, op === 'search' ? '' : 'y');
    if (!re) return UNKNOWN;
    re.lastIndex = 0;
    const m = re.exec(s);
    return m ? matchObject(m, s) : NONE;
  }
  const re = compiled(pattern.value, flags, 'g');
  if (!re) return UNKNOWN;
  if (op === 'split') {
    const maxsplit = bound.maxsplit === undefined ? 0 : intOf(bound.maxsplit);
    if (maxsplit === undefined) return UNKNOWN;
    if (maxsplit < 0) return listOf([str(s)]);
    const ms = allMatches(re, s, maxsplit);
    if (!ms) return UNKNOWN;
    const out: Value[] = [];
    let last = 0;
    for (const m of ms) {
      out.push(str(s.slice(last, m.index)), ...m.slice(1).map(groupValue));
      last = m.index + m[0].length;
    }
    out.push(str(s.slice(last)));
    return listOf(out);
  }
  if (op === 'findall') {
    const ms = allMatches(re, s);
    if (!ms) return UNKNOWN;
    return listOf(ms.map((m) => (m.length === 1 ? str(m[0]) : m.length === 2 ? str(m[1] ?? '') : tupleOf(m.slice(1).map((g) => str(g ?? ''))))));
  }
  const repl = bound.repl;
  const count = bound.count === undefined ? 0 : intOf(bound.count);
  if (repl?.kind !== 'str' || count === undefined || count < 0) return UNKNOWN;
  const ms = allMatches(re, s, count);
  if (!ms) return UNKNOWN;
  let out = '';
  let last = 0;
  for (const m of ms) {
    const piece = expand(repl.value, m);
    if (piece === undefined) return UNKNOWN;
    out += s.slice(last, m.index) + piece;
    last = m.index + m[0].length;
  }
  return str(out + s.slice(last));
}

/** `re.escape(s)`: CPython 3.7+ escapes only its special characters. */
function escape(v: Value | undefined): Value {
  return v?.kind === 'str' ? str([...v.value].map((c) => (SPECIAL.has(c) ? `\\${c}` : c)).join('')) : UNKNOWN;
}

export function reModule(): Value {
  const attrs = new Map<string, Value>();
  for (const op of Object.keys(PARAMS) as Op[]) attrs.set(op, obj(new BuiltinObj(`re.${op}`, (a) => run(op, a.args[0] ?? a.kwargs.pattern, { args: a.args.slice(1), kwargs: Object.fromEntries(Object.entries(a.kwargs).filter(([k]) => k !== 'pattern')) }))));
  attrs.set('escape', obj(new BuiltinObj('re.escape', (a) => escape(a.args[0] ?? a.kwargs.pattern))));
  attrs.set('compile', obj(new BuiltinObj('re.compile', (a) => {
    const pattern = a.args[0] ?? a.kwargs.pattern;
    const flags = a.args[1] ?? a.kwargs.flags;
    const f = flags === undefined ? 0 : intOf(flags);
    if (pattern?.kind !== 'str' || f === undefined || !compiled(pattern.value, f, '')) return UNKNOWN;
    const methods: Record<string, Value> = { pattern };
    for (const op of Object.keys(PARAMS) as Op[]) methods[op] = obj(new BuiltinObj(`re.Pattern.${op}`, (b) => run(op, pattern, b, f)));
    return namespace(methods);
  })));
  for (const [name, value] of Object.entries(FLAGS)) attrs.set(name, int(value));
  return obj(new PyModuleObj('re', attrs));
}
