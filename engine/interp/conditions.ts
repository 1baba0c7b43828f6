// The conditions symbolic sizes must meet, in words: the first one as written, how many more,
// and when every one of them holds for inputs whose sizes are multiples of one number (what a
// U-Net's skip connections or a patch embedding really ask for).
import type { Condition } from './record';
import { describeAtLeast, floorDivisionsIn } from '../shape/dim';
import { holdsByDivisibility } from './divisibility';

export function describeConditions(conditions: readonly Condition[]): string {
  const first = conditions[0];
  // An op's own wording stays, unless it is only the equation itself.
  const own = first.text !== undefined && first.text !== `${first.lhs} = ${first.rhs}` ? first.text : undefined;
  let text = `needs ${own ?? conditionWords(first)}`;
  if (conditions.length > 1) text += ` and ${conditions.length - 1} more condition${conditions.length > 2 ? 's' : ''}`;
  const multiple = commonMultiple(conditions);
  const saysItself = conditions.length === 1 && / % \S+ = 0$/.test(text);
  if (multiple !== undefined && !saysItself) {
    const syms = [...new Set(conditions.flatMap((c) => [...c.lhs.symbols(), ...c.rhs.symbols()]))].sort();
    text += `; ${conditions.length > 1 ? 'all hold' : 'it holds'} when ${joinNames(syms)} ${syms.length > 1 ? 'are multiples' : 'is a multiple'} of ${multiple}`;
  }
  return text;
}

function conditionWords(c: Condition): string {
  return c.relation === '>=' ? describeAtLeast(c.lhs, c.rhs) : divisibilityWords(c) ?? `${c.lhs} = ${c.rhs}`;
}

/** `b*(dim // heads)*heads = b*dim` holds exactly when `heads` divides `dim`: say that instead. */
function divisibilityWords(c: Condition): string | undefined {
  for (const q of [...floorDivisionsIn(c.lhs), ...floorDivisionsIn(c.rhs)]) {
    const exact = q.num.floordiv(q.den)?.mul(q.den);
    const plain = exact !== undefined && ((exact.same(c.lhs) && q.num.same(c.rhs)) || (exact.same(c.rhs) && q.num.same(c.lhs)));
    if (plain || holdsByDivisibility(c.lhs, c.rhs, [q])) return `${q.num} % ${q.den} = 0`;
  }
  return undefined;
}

function joinNames(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The smallest N (a multiple of every constant divisor the conditions mention) such that the
 * conditions hold with every symbol at N, 2N and 3N (and 1024N for an inequality) — checked by evaluation, so the sentence
 * says only what is true at those sizes. Undefined when no such N up to 4096 works.
 */
function commonMultiple(conditions: readonly Condition[]): number | undefined {
  const divisors = new Set<number>();
  for (const c of conditions) for (const d of [c.lhs, c.rhs]) collectDivisors(String(d), divisors);
  if (divisors.size === 0) return undefined;
  let n = 1;
  for (const d of divisors) n = lcm(n, d);
  if (n > 4096 || n <= 1) return undefined;
  const holds = (value: number): boolean => conditions.every((c) => {
    const env: Record<string, number> = {};
    for (const s of [...c.lhs.symbols(), ...c.rhs.symbols()]) env[s] = value;
    const l = c.lhs.evaluate(env);
    const r = c.rhs.evaluate(env);
    return l !== undefined && r !== undefined && (c.relation === '=' ? l === r : l >= r);
  });
  // A bound from above (`tokens <= 200` for a table of 200 positions) fails for large enough
  // sizes, whatever they are multiples of: an inequality must also hold far out.
  const far = conditions.some((c) => c.relation === '>=') ? [1024] : [];
  return [1, 2, 3, ...far].every((k) => holds(n * k)) ? n : undefined;
}

/** Constant divisors in the printed form (`H // 64`, `ceil(W / 16)`). */
function collectDivisors(text: string, out: Set<number>): void {
  for (const m of text.matchAll(/(?:\/\/|\/) (\d+)/g)) {
    const d = Number(m[1]);
    if (d > 1) out.add(d);
  }
}

function lcm(a: number, b: number): number {
  const g = (x: number, y: number): number => (y === 0 ? x : g(y, x % y));
  return (a / g(a, b)) * b;
}

