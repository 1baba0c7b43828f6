// Whether a loop may end before its last item for a reason that changes from one iteration to
// the next (`if i == 3: break`), as opposed to a setting that holds for the whole run
// (`if args.dry_run: break`: a run with it ends at once, a run without never does).
import type { Expr, Stmt } from './ir';

/**
 * A `break` (of this loop) or `return` in `body` that no condition fixed for the whole loop guards.
 * `variant` names what the loop binds (its target, the names its body assigns).
 */
export function exitsByIteration(body: readonly Stmt[], variant: ReadonlySet<string>): boolean {
  const visit = (stmts: readonly Stmt[], guarded: boolean, breaksHere: boolean): boolean => {
    for (const s of stmts) {
      switch (s.k) {
        case 'break':
          if (breaksHere && !guarded) return true;
          break;
        case 'return':
          if (!guarded) return true;
          break;
        case 'if': {
          const fixed = guarded || fixedForLoop(s.test, variant);
          if (visit(s.body, fixed, breaksHere) || visit(s.orelse, fixed, breaksHere)) return true;
          break;
        }
        // An inner loop's breaks are its own; its returns end this loop too.
        case 'for':
        case 'while':
          if (visit(s.body, guarded, false) || visit(s.orelse, guarded, breaksHere)) return true;
          break;
        case 'with':
          if (visit(s.body, guarded, breaksHere)) return true;
          break;
        case 'try':
          if (visit(s.body, guarded, breaksHere) || s.handlers.some((h) => visit(h.body, guarded, breaksHere)) || visit(s.orelse, guarded, breaksHere) || visit(s.finalbody, guarded, breaksHere)) return true;
          break;
        default:
          break;
      }
    }
    return false;
  };
  return visit(body, false, true);
}

/** A condition read from names the loop does not bind, with no call (whose answer may change). */
function fixedForLoop(e: Expr, variant: ReadonlySet<string>): boolean {
  switch (e.k) {
    case 'name': return !variant.has(e.id);
    case 'attr': return fixedForLoop(e.obj, variant);
    case 'num': case 'str': case 'bool': case 'none': return true;
    case 'subscript': return fixedForLoop(e.obj, variant) && (e.index.k === 'num' || e.index.k === 'str');
    case 'unary': return fixedForLoop(e.operand, variant);
    case 'compare': return e.operands.every((o) => fixedForLoop(o, variant));
    case 'boolop': return e.values.every((v) => fixedForLoop(v, variant));
    default: return false;
  }
}
