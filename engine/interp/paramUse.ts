// How a constructor's body uses a parameter, read from its IR: a parameter whose attributes it
// reads (`attn_layers.dim`, `stage_cfg.depth`) is an object, whatever its name suggests.
import type { Expr, Stmt } from './ir';

/** Whether `body` reads an attribute of the name `name` (`name.x` anywhere, nested functions too). */
export function readsAttributeOf(body: readonly Stmt[] | Expr, name: string): boolean {
  const seen = new Set<object>();
  const visit = (node: unknown): boolean => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return false;
    seen.add(node);
    if (Array.isArray(node)) return node.some(visit);
    const n = node as { k?: string; obj?: { k?: string; id?: string } };
    if (n.k === 'attr' && n.obj?.k === 'name' && n.obj.id === name) return true;
    return Object.values(node).some(visit);
  };
  return visit(body);
}
