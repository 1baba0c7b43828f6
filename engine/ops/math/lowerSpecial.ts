// Special functions ONNX has no operator for (erfinv, lgamma, digamma, i0), built from
// elementwise ops and evaluated in float64, then cast to the output type:
//   erfinv: Giles' single-precision polynomials ("Approximating the erfinv function", 2010);
//   lgamma: Lanczos (g = 7, 9 terms), reflection below 0.5;
//   digamma: recurrence shift by 6, then the asymptotic series, reflection below 0.5;
//   i0: Abramowitz & Stegun 9.8.1 / 9.8.2 (|error| < 2e-7 relative).
import type { DType } from '../dtype';
import type { OnnxCall, OnnxGraph } from '../lowering';

type Special = 'erfinv' | 'lgamma' | 'digamma' | 'i0';

export function isSpecial(op: string): op is Special {
  return op === 'erfinv' || op === 'lgamma' || op === 'digamma' || op === 'i0';
}

/** Elementwise float64 arithmetic on ONNX names. */
class F64 {
  constructor(readonly g: OnnxGraph) {}
  c(v: number): string {
    return this.g.scalar(v, 'float64');
  }
  add(a: string, b: string): string {
    return this.g.op('Add', [a, b]);
  }
  sub(a: string, b: string): string {
    return this.g.op('Sub', [a, b]);
  }
  mul(a: string, b: string): string {
    return this.g.op('Mul', [a, b]);
  }
  div(a: string, b: string): string {
    return this.g.op('Div', [a, b]);
  }
  log(a: string): string {
    return this.g.op('Log', [a]);
  }
  where(cond: string, a: string, b: string): string {
    return this.g.op('Where', [cond, a, b]);
  }
  less(a: string, b: string): string {
    return this.g.op('Less', [a, b]);
  }
  /** Horner: coefficients from the highest power down. */
  poly(x: string, coeffs: readonly number[]): string {
    let p = this.c(coeffs[0]);
    for (const k of coeffs.slice(1)) p = this.add(this.mul(p, x), this.c(k));
    return p;
  }
  /**
   * sin(pi x) and cos(pi x) from r = x - k in [-0.5, 0.5] (k the nearest integer, exact in
   * floating point), so values near the poles keep their relative accuracy. onnxruntime has no
   * float64 Cos: cos(pi r) = sin(pi (0.5 - |r|)).
   */
  sinCosPi(x: string): [string, string] {
    const k = this.g.op('Floor', [this.add(x, this.c(0.5))]);
    const r = this.sub(x, k);
    const odd = this.sub(k, this.mul(this.c(2), this.g.op('Floor', [this.mul(k, this.c(0.5))])));
    const sign = this.sub(this.c(1), this.mul(this.c(2), odd));
    const sinPi = (v: string): string => this.g.op('Sin', [this.mul(v, this.c(Math.PI))]);
    return [this.mul(sign, sinPi(r)), this.mul(sign, sinPi(this.sub(this.c(0.5), this.g.op('Abs', [r]))))];
  }
  isNonPositiveInteger(x: string): string {
    return this.g.op('And', [this.g.op('LessOrEqual', [x, this.c(0)]), this.g.op('Equal', [x, this.g.op('Floor', [x])])]);
  }
}

export function lowerSpecial(g: OnnxGraph, call: OnnxCall, op: Special): string {
  const out: DType = g.dtype(call.output);
  const f = new F64(g);
  const x = g.inputAs(call.args.input, 'float64');
  g.flops(20 * g.shape(call.args.input).reduce((a, b) => a * b, 1));
  const y = op === 'erfinv' ? erfinv(f, x) : op === 'lgamma' ? lgamma(f, x) : op === 'digamma' ? digamma(f, x) : i0(f, x);
  return out === 'float64' ? y : g.op('Cast', [y], { to: out === 'float32' ? 1 : out === 'float16' ? 10 : g.noKernel(`${op} to ${out}`) });
}

const GILES_CENTRAL = [2.81022636e-08, 3.43273939e-07, -3.5233877e-06, -4.39150654e-06, 0.00021858087, -0.00125372503,
  -0.00417768164, 0.246640727, 1.50140941];
const GILES_TAIL = [-0.000200214257, 0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613,
  0.00943887047, 1.00167406, 2.83297682];

function erfinv(f: F64, x: string): string {
  const g = f.g;
  // w = -log((1 - x)(1 + x)): NaN outside [-1, 1], +inf at the ends.
  const w = g.op('Neg', [f.log(f.mul(f.sub(f.c(1), x), f.add(f.c(1), x)))]);
  const central = f.poly(f.sub(w, f.c(2.5)), GILES_CENTRAL);
  const tail = f.poly(f.sub(g.op('Sqrt', [w]), f.c(3)), GILES_TAIL);
  const y = f.mul(f.where(f.less(w, f.c(5)), central, tail), x);
  // erfinv(+-1) = +-inf (the polynomial would give inf - inf).
  return f.where(g.op('Equal', [g.op('Abs', [x]), f.c(1)]), f.mul(x, f.c(Infinity)), y);
}

const LANCZOS = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];

/** log|Gamma(z)| for z >= 0.5. */
function lanczosLgamma(f: F64, z: string): string {
  const zm1 = f.sub(z, f.c(1));
  let a = f.c(LANCZOS[0]);
  for (let i = 1; i < LANCZOS.length; i++) a = f.add(a, f.div(f.c(LANCZOS[i]), f.add(zm1, f.c(i))));
  const t = f.add(zm1, f.c(7.5));
  const core = f.sub(f.mul(f.add(zm1, f.c(0.5)), f.log(t)), t);
  return f.add(f.add(f.c(0.5 * Math.log(2 * Math.PI)), core), f.log(a));
}

function lgamma(f: F64, x: string): string {
  const g = f.g;
  const reflect = f.less(x, f.c(0.5));
  const z = f.where(reflect, f.sub(f.c(1), x), x);
  const lg = lanczosLgamma(f, z);
  // log|Gamma(x)| = log(pi / |sin(pi x)|) - log|Gamma(1 - x)|
  const [sin] = f.sinCosPi(x);
  const reflected = f.sub(f.sub(f.c(Math.log(Math.PI)), f.log(g.op('Abs', [sin]))), lg);
  const y = f.where(reflect, reflected, lg);
  // Poles at 0, -1, -2 ... and +-inf give +inf.
  const inf = g.op('Or', [f.isNonPositiveInteger(x), g.op('IsInf', [x])]);
  return f.where(inf, f.c(Infinity), y);
}

function digamma(f: F64, x: string): string {
  const g = f.g;
  const reflect = f.less(x, f.c(0.5));
  const z = f.where(reflect, f.sub(f.c(1), x), x);
  // psi(z) = psi(z + 6) - sum 1/(z + k); then the asymptotic series at w = z + 6 >= 6.5.
  let shift = f.div(f.c(1), z);
  for (let k = 1; k < 6; k++) shift = f.add(shift, f.div(f.c(1), f.add(z, f.c(k))));
  const w = f.add(z, f.c(6));
  const w2 = f.div(f.c(1), f.mul(w, w));
  const series = f.mul(w2, f.poly(w2, [1 / 132, -1 / 240, 1 / 252, -1 / 120, 1 / 12]));
  const psiW = f.sub(f.sub(f.log(w), f.div(f.c(0.5), w)), series);
  const psiZ = f.sub(psiW, shift);
  // psi(x) = psi(1 - x) - pi cos(pi x) / sin(pi x)
  const [sin, cos] = f.sinCosPi(x);
  const reflected = f.sub(psiZ, f.div(f.mul(f.c(Math.PI), cos), sin));
  const y = f.where(reflect, reflected, psiZ);
  // PyTorch: -inf at +0 (copysign(inf, -x)), NaN at negative integers.
  const atZero = g.op('Equal', [x, f.c(0)]);
  const zeroValue = f.where(f.less(f.div(f.c(1), x), f.c(0)), f.c(Infinity), f.c(-Infinity));
  return f.where(atZero, zeroValue, f.where(f.isNonPositiveInteger(x), f.c(NaN), y));
}

const I0_SMALL = [0.0045813, 0.0360768, 0.2659732, 1.2067492, 3.0899424, 3.5156229, 1.0];
const I0_LARGE = [0.00392377, -0.01647633, 0.02635537, -0.02057706, 0.00916281, -0.00157565, 0.00225319, 0.01328592, 0.39894228];

function i0(f: F64, x: string): string {
  const g = f.g;
  const ax = g.op('Abs', [x]);
  const t = f.div(ax, f.c(3.75));
  const small = f.poly(f.mul(t, t), I0_SMALL);
  const large = f.div(f.mul(g.op('Exp', [ax]), f.poly(f.div(f.c(3.75), ax), I0_LARGE)), g.op('Sqrt', [ax]));
  return f.where(f.less(ax, f.c(3.75)), small, large);
}
