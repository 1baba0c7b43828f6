// A model nobody calls is built with its constructor's defaults, so an `if` on its configuration
// (`if self.grad_checkpointing and not torch.jit.is_scripting():`, `if self.global_pool == 'avg':`)
// takes one path only, and the other path's lines would stay without a hint although the user may
// well build the model the other way. Such a branch is also run, tentatively, from the same state:
// its hints are kept only when it runs through, nothing it changes survives, and it reports
// nothing. Only conditions on configuration qualify: a condition that reads the input (`x.ndim`,
// a size, a local) is decided by the input the analysis assumed, and the other path may never run.
import type { Expr } from './ir';
import type { Value } from '../value';

/** Attribute names that read a tensor's shape or state: a condition with them is about the input. */
const SHAPE_READS = new Set(['shape', 'ndim', 'dim', 'size', 'numel', 'dtype', 'device', 'is_cuda', 'is_sparse', 'is_nested', 'requires_grad', 'layout']);

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
        if (local && value.kind !== 'none' && value.kind !== 'bool' && value.kind !== 'str') return undefined;
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
  return text(test);
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
  };
  visit(test);
  return out;
}
