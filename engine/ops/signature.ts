// Python call signatures written as PyTorch documents them, e.g.
// `in_channels, out_channels, kernel_size, stride=1, padding=0, *, device=None`,
// and argument binding with Python's rules (positional, keyword, *args, **kwargs, `/`, `*`).
import { Dim } from '../shape/dim';
import type { Value } from '../value';

export type ParamKind = 'positional-only' | 'positional-or-keyword' | 'var-positional' | 'keyword-only' | 'var-keyword';

export interface Param {
  readonly name: string;
  readonly kind: ParamKind;
  /** The default's source text as written (`1`, `'zeros'`, `None`), absent when required. */
  readonly defaultText?: string;
  readonly defaultValue?: Value;
  /**
   * A `*dims` that PyTorch's argument parser also takes by keyword as one sequence
   * (`x.flip(dims=(-1,))`, `x.permute(dims=(0, 2, 1))`), written `*dims:keyword`.
   */
  readonly byKeyword?: boolean;
}

export interface Signature {
  readonly params: readonly Param[];
  readonly text: string;
}

export type BoundArgs = Readonly<Record<string, Value>>;

/** Parse a Python parameter list. Throws on malformed text: signatures are written by us. */
export function sig(text: string): Signature {
  const params: Param[] = [];
  let kind: ParamKind = 'positional-or-keyword';
  for (const raw of splitTopLevel(text)) {
    const part = raw.trim();
    if (part === '') continue;
    if (part === '/') {
      for (let i = 0; i < params.length; i++) params[i] = { ...params[i], kind: 'positional-only' };
      continue;
    }
    if (part === '*') {
      kind = 'keyword-only';
      continue;
    }
    if (part.startsWith('**')) {
      params.push({ name: part.slice(2), kind: 'var-keyword' });
      continue;
    }
    if (part.startsWith('*')) {
      const [name, marker] = part.slice(1).split(':');
      params.push(marker === 'keyword' ? { name, kind: 'var-positional', byKeyword: true } : { name, kind: 'var-positional' });
      kind = 'keyword-only';
      continue;
    }
    const eq = part.indexOf('=');
    if (eq < 0) {
      params.push({ name: part, kind });
    } else {
      const defaultText = part.slice(eq + 1).trim();
      params.push({ name: part.slice(0, eq).trim(), kind, defaultText, defaultValue: parseLiteral(defaultText) });
    }
  }
  return { params, text };
}

function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let cur = '';
  for (const ch of text) {
    if (quote) {
      cur += ch;
      if (ch === quote) quote = '';
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** A Python literal: int, float, bool, None, string, tuple or list of literals. */
export function parseLiteral(text: string): Value {
  const t = text.trim();
  if (t === 'None') return { kind: 'none' };
  if (t === 'True' || t === 'False') return { kind: 'bool', value: t === 'True' };
  if (/^-?\d+$/.test(t)) return { kind: 'int', dim: Dim.of(Number(t)) };
  if (/^-?(\d+\.\d*|\.\d+|\d+)(e-?\d+)?$/i.test(t) || t === 'inf' || t === "float('inf')") {
    return { kind: 'float', value: t.includes('inf') ? Infinity : Number(t) };
  }
  if (/^(['"]).*\1$/.test(t)) return { kind: 'str', value: t.slice(1, -1) };
  if (t.startsWith('(') && t.endsWith(')')) {
    const items = splitTopLevel(t.slice(1, -1)).filter((s) => s.trim() !== '').map(parseLiteral);
    return { kind: 'tuple', items };
  }
  if (t.startsWith('[') && t.endsWith(']')) {
    const items = splitTopLevel(t.slice(1, -1)).filter((s) => s.trim() !== '').map(parseLiteral);
    return { kind: 'list', items };
  }
  throw new Error(`unsupported default literal: ${text}`);
}

export type BindResult = { ok: true; args: BoundArgs } | { ok: false; reason: string };

/** Bind call arguments to a signature the way Python does. */
export function bind(signature: Signature, args: readonly Value[], kwargs: Readonly<Record<string, Value>>): BindResult {
  const out: Record<string, Value> = {};
  const params = signature.params;
  let ai = 0;
  for (const p of params) {
    if (p.kind === 'positional-only' || p.kind === 'positional-or-keyword') {
      if (ai < args.length) out[p.name] = args[ai++];
    } else if (p.kind === 'var-positional') {
      out[p.name] = { kind: 'tuple', items: args.slice(ai) };
      ai = args.length;
    }
  }
  if (ai < args.length) return { ok: false, reason: `takes ${ai} positional arguments but ${args.length} were given` };
  const extra: [Value, Value][] = [];
  for (const [name, value] of Object.entries(kwargs)) {
    const p = params.find((q) => q.name === name && q.kind !== 'var-positional' && q.kind !== 'var-keyword' && q.kind !== 'positional-only');
    const star = params.find((q) => q.name === name && q.kind === 'var-positional' && q.byKeyword);
    if (star) {
      // One sequence by keyword, never beside positional ones (PyTorch: "got multiple values").
      const given = out[name];
      if (given?.kind === 'tuple' && given.items.length > 0) return { ok: false, reason: `got multiple values for argument '${name}'` };
      if (value.kind !== 'tuple' && value.kind !== 'list') return { ok: false, reason: `argument '${name}' must be a sequence` };
      out[name] = { kind: 'tuple', items: [value] };
    } else if (p) {
      if (name in out) return { ok: false, reason: `got multiple values for argument '${name}'` };
      out[name] = value;
    } else if (params.some((q) => q.kind === 'var-keyword')) {
      extra.push([{ kind: 'str', value: name }, value]);
    } else {
      return { ok: false, reason: `got an unexpected keyword argument '${name}'` };
    }
  }
  for (const p of params) {
    if (p.name in out) continue;
    if (p.kind === 'var-keyword') out[p.name] = { kind: 'dict', entries: extra };
    else if (p.kind === 'var-positional') out[p.name] = { kind: 'tuple', items: [] };
    else if (p.defaultValue !== undefined) out[p.name] = p.defaultValue;
    else return { ok: false, reason: `missing required argument '${p.name}'` };
  }
  return { ok: true, args: out };
}
