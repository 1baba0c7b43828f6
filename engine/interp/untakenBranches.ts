// A model nobody calls is built with its constructor's defaults, so an `if` on its configuration
// (`if self.grad_checkpointing and not torch.jit.is_scripting():`, `if self.global_pool == 'avg':`)
// takes one path only, and the other path's lines would stay without a hint although the user may
// well build the model the other way. Such a branch is also run, tentatively, from the same state:
// its hints are kept only when it runs through, nothing it changes survives, and it reports
// nothing. Only conditions on configuration qualify: a condition that reads the input (`x.ndim`,
// a size, a local) is decided by the input the analysis assumed, and the other path may never run.
import type { Arg, Expr, Stmt } from './ir';
import { FunctionObj, refOf } from './objects';
import { eachNode } from './irSearch';
import type { Value } from '../value';

/** Attribute names that read a tensor's shape or state: a condition with them is about the input. */
const SHAPE_READS = new Set(['shape', 'ndim', 'dim', 'size', 'numel', 'dtype', 'device', 'is_cuda', 'is_sparse', 'is_nested', 'requires_grad', 'layout']);

/** Names of probabilities (`cond_drop_prob`, `p`, `dropout`): their value never sizes a tensor. */
const PROBABILITY_NAME = /(^|_)(prob|p|dropout|drop_rate)$/i;

/** Calls that say how the code runs, not what it runs on. */
const RUN_MODE_CALLS = /(?:^|\.)(?:is_scripting|is_tracing|is_exportable|is_grad_enabled|is_autocast_enabled|is_compiling|is_fx_tracing|is_available)$/;

function attrChain(e: Expr): string | undefined {
  if (e.k === 'name') return e.id;
  if (e.k === 'attr') {
    const base = attrChain(e.obj);
    return base === undefined ? undefined : `${base}.${e.name}`;
  }
  return undefined;
}

/**
 * The condition's text when it reads only the configuration: attributes of `self` (not shape
 * reads), module-level names, inputs that are None, a bool or a string, literals, and run-mode
 * calls (`torch.jit.is_scripting()`). Undefined for any other condition.
 * `lookup` gives a name's value, whether it is a local of the running function, and the values the
 * function assigns it (undefined when it binds it otherwise: a loop target, an unpacking).
 */
export function configurationCondition(test: Expr, lookup: (name: string) => { value: Value | undefined; local: boolean; assigned?: readonly Expr[] }): string | undefined {
  const text = (e: Expr): string | undefined => {
    switch (e.k) {
      case 'num':
        return String(e.value);
      case 'str':
        return JSON.stringify(e.value);
      case 'bool':
        return e.value ? 'True' : 'False';
      case 'none':
        return 'None';
      case 'name': {
        const { value, local, assigned } = lookup(e.id);
        if (!value) return undefined;
        // (A probability the function takes and never rebinds is a setting too: classifier-free
        // guidance's `if cond_drop_prob > 0.:` with its default 0. leaves the dropout's mask lines
        // unrun. Not any float: `if scale != 1.: x = F.interpolate(x, scale_factor=scale)` run
        // with the default 1. would hint the unscaled size.)
        const floatSetting = value.kind === 'float' && !value.unknown && assigned?.length === 0 && PROBABILITY_NAME.test(e.id);
        if (local && value.kind !== 'none' && value.kind !== 'bool' && value.kind !== 'str' && !floatSetting) return undefined;
        // A local the function computed (`is_img = x.ndim >= 4`) is configuration only when what
        // it was computed from is: a flag read off the input is decided by the input.
        if (local && assigned?.some((v) => readsInput(v, lookup))) return undefined;
        if (!local && value.kind === 'tensor') return undefined;
        return e.id;
      }
      case 'attr': {
        const chain = attrChain(e);
        if (!chain || !chain.startsWith('self.') || chain.split('.').some((p) => SHAPE_READS.has(p))) return undefined;
        return chain;
      }
      case 'call': {
        if (e.fn.k === 'name' && e.args.length > 0) return predicateCall(e.fn.id, e.args);
        const chain = attrChain(e.fn);
        if (!chain || e.args.length > 0 || !RUN_MODE_CALLS.test(chain)) return undefined;
        return `${chain}()`;
      }
      case 'unary': {
        if (e.op !== 'not') return undefined;
        const inner = text(e.operand);
        return inner === undefined ? undefined : `not ${inner}`;
      }
      case 'boolop': {
        const parts = e.values.map(text);
        return parts.every((p) => p !== undefined) ? parts.join(` ${e.op} `) : undefined;
      }
      case 'compare': {
        const parts = e.operands.map(text);
        if (parts.some((p) => p === undefined)) return undefined;
        let out = parts[0]!;
        for (let i = 0; i < e.ops.length; i++) {
          out += ` ${e.ops[i]} ${parts[i + 1]}`;
        }
        return out;
      }
      default:
        return undefined;
    }
  };
  // A helper of the file that only returns an expression (lucidrains' `exists(val)`, `val is not
  // None`) on configuration arguments (`exists(labels)` of an input left None) reads the configuration too.
  const predicateCall = (name: string, args: readonly Arg[]): string | undefined => {
    const fn = lookup(name).value;
    const def = fn && refOf(fn, FunctionObj);
    const body = def?.body;
    const returnsOnly = Array.isArray(body) ? body.length === 1 && body[0].k === 'return' : body !== undefined;
    if (!def || !returnsOnly || def.decorator !== undefined) return undefined;
    const parts = args.map((a) => (a.name === undefined && !a.star ? text(a.value) : undefined));
    return parts.every((p) => p !== undefined) ? `${name}(${parts.join(', ')})` : undefined;
  };
  return text(test);
}

/**
 * The names and one-level `self.` attributes whose numbers the condition compares
 * (`if self.training and self.sample_drop_ratio > 0.1:`) and the path reads too (`keep =
 * int(b * (1 - self.sample_drop_ratio))`): run from the same state, the path would read the number
 * that made the condition go the other way (a ratio of 0 where the path needs one above 0.1), so
 * they are unknown numbers there, and what the path computes from them has no size.
 * `isNumber` says whether an operand holds an int or a float.
 */
export function comparedNumbersRead(test: Expr, path: readonly Stmt[], isNumber: (e: Expr) => boolean): Expr[] {
  const compared = new Map<string, Expr>();
  eachNode(test, (n) => {
    const e = n as Expr;
    if (e.k !== 'compare') return;
    for (const o of e.operands) {
      const simple = o.k === 'name' || (o.k === 'attr' && o.obj.k === 'name' && o.obj.id === 'self');
      if (simple && isNumber(o)) compared.set(attrChain(o)!, o);
    }
  });
  const read = new Set<string>();
  if (compared.size > 0) {
    eachNode(path, (n) => {
      const e = n as Expr;
      const chain = e.k === 'name' || e.k === 'attr' ? attrChain(e) : undefined;
      if (chain !== undefined && compared.has(chain)) read.add(chain);
    });
  }
  return [...read].map((c) => compared.get(c)!);
}

/** Whether `e` reads a tensor's shape or state (`x.ndim`, `x.size(1)`) or a name holding a tensor. */
function readsInput(e: Expr, lookup: (name: string) => { value: Value | undefined }): boolean {
  const seen = new Set<object>();
  const visit = (n: unknown): boolean => {
    if (n === null || typeof n !== 'object' || seen.has(n)) return false;
    seen.add(n);
    if (Array.isArray(n)) return n.some(visit);
    const x = n as Expr;
    if (x.k === 'attr' && SHAPE_READS.has(x.name)) return true;
    if (x.k === 'name' && lookup(x.id).value?.kind === 'tensor') return true;
    return Object.values(n).some(visit);
  };
  return visit(e);
}

/**
 * What the path a configuration condition did not take runs: its own statements, and where the
 * path taken returns (`if not return_loss: return logits`), the rest of the block after the `if`
 * as well (the loss the flag would have computed).
 */
export function untakenPath(untaken: readonly Stmt[], taken: readonly Stmt[], restOfBlock: readonly Stmt[]): readonly Stmt[] {
  const last = (b: readonly Stmt[]): Stmt | undefined => b[b.length - 1];
  const exits = (s: Stmt | undefined): boolean => s?.k === 'return' || s?.k === 'raise';
  return last(taken)?.k === 'return' && !exits(last(untaken)) ? [...untaken, ...restOfBlock] : untaken;
}

/**
 * Whether a configuration condition can go the other way while the inputs a helper tests stay None:
 * `return_loss and not exists(labels)` can (return_loss true), `exists(text_embeds)` cannot (its
 * other path needs the input given, and the run would still have None). `truth` evaluates a part
 * of the condition. The parts reading no input left None are set every way (a few of them).
 */
export function flipsWithNoneInputs(test: Expr, wasTrue: boolean, noneInput: (name: string) => boolean, truth: (e: Expr) => boolean | undefined): boolean {
  const atoms: Expr[] = [];
  const collect = (e: Expr): void => {
    if (e.k === 'boolop') e.values.forEach(collect);
    else if (e.k === 'unary' && e.op === 'not') collect(e.operand);
    else atoms.push(e);
  };
  collect(test);
  const readsNoneInput = (e: Expr): boolean => {
    let found = false;
    const visit = (n: unknown): void => {
      if (found || n === null || typeof n !== 'object') return;
      const node = n as { k?: string; id?: string };
      if (node.k === 'name' && node.id !== undefined && noneInput(node.id)) found = true;
      else for (const v of Object.values(n)) if (typeof v === 'object') visit(v);
    };
    visit(e);
    return found;
  };
  const fixed = new Map<Expr, boolean>();
  for (const a of atoms) {
    // (Only a helper's call: `x_prev is None` kept its other path before helpers counted, and
    // timm's blocks get right hints from it, the input then being optional to the code it reaches.)
    const t = a.k === 'call' && readsNoneInput(a) ? truth(a) : undefined;
    if (t !== undefined) fixed.set(a, t);
  }
  if (fixed.size === 0) return true;
  const free = atoms.filter((a) => !fixed.has(a));
  if (free.length > 8) return true;
  const value = (e: Expr, set: Map<Expr, boolean>): boolean => {
    if (e.k === 'boolop') return e.op === 'and' ? e.values.every((v) => value(v, set)) : e.values.some((v) => value(v, set));
    if (e.k === 'unary' && e.op === 'not') return !value(e.operand, set);
    return set.get(e)!;
  };
  for (let bits = 0; bits < 1 << free.length; bits++) {
    const set = new Map(fixed);
    free.forEach((a, i) => set.set(a, ((bits >> i) & 1) === 1));
    if (value(test, set) !== wasTrue) return true;
  }
  return false;
}

/**
 * The configuration names a condition reads: `self.x` as `x`, a bare name as itself, and a field
 * of a configuration object held by the model (`self.config.parallel_residual`) as the field: the
 * constructor reads it as `config.parallel_residual`, and its other fields are other choices.
 */
export function conditionNames(test: Expr): Set<string> {
  const out = new Set<string>();
  const visit = (e: Expr): void => {
    if (e.k === 'name') out.add(e.id);
    else if (e.k === 'attr') {
      if ((e.obj.k === 'name' && e.obj.id === 'self') || attrChain(e.obj)?.startsWith('self.')) out.add(e.name);
      else visit(e.obj);
    } else if (e.k === 'unary') visit(e.operand);
    else if (e.k === 'boolop') e.values.forEach(visit);
    else if (e.k === 'compare') e.operands.forEach(visit);
    else if (e.k === 'call') e.args.forEach((a) => visit(a.value));
  };
  visit(test);
  return out;
}
