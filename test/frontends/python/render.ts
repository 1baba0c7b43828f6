// Test support: renders lowered IR back to compact Python-like text (ranges left out), so tests
// can state expected lowerings as readable data; and checks that every range fits the text.
import type { Arg, Comprehension, Expr, ModuleIR, Param, Range, Stmt } from '../../../engine/interp/ir';

export function renderExpr(e: Expr): string {
  switch (e.k) {
    case 'name':
      return e.id;
    case 'num':
      return e.isFloat ? `${e.value}f` : `${e.value}`;
    case 'str':
      return JSON.stringify(e.value);
    case 'fstr':
      return 'f"…"';
    case 'bool':
      return e.value ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'ellipsis':
      return '...';
    case 'attr':
      return `${renderExpr(e.obj)}.${e.name}`;
    case 'subscript':
      return `${renderExpr(e.obj)}[${renderExpr(e.index)}]`;
    case 'slice':
      return `${opt(e.start)}:${opt(e.stop)}${e.step !== undefined ? `:${renderExpr(e.step)}` : ''}`;
    case 'call':
      return `${renderExpr(e.fn)}(${e.args.map(renderArg).join(', ')})`;
    case 'binop':
      return `(${renderExpr(e.left)} ${e.op} ${renderExpr(e.right)})`;
    case 'unary':
      return e.op === 'not' ? `(not ${renderExpr(e.operand)})` : `(${e.op}${renderExpr(e.operand)})`;
    case 'compare':
      return `(${e.operands.map((o, i) => (i === 0 ? renderExpr(o) : `${e.ops[i - 1]} ${renderExpr(o)}`)).join(' ')})`;
    case 'boolop':
      return `(${e.values.map(renderExpr).join(` ${e.op} `)})`;
    case 'ifexp':
      return `(${renderExpr(e.body)} if ${renderExpr(e.test)} else ${renderExpr(e.orelse)})`;
    case 'tuple':
      return e.items.length === 1 ? `(${renderExpr(e.items[0]!)},)` : `(${e.items.map(renderExpr).join(', ')})`;
    case 'list':
      return `[${e.items.map(renderExpr).join(', ')}]`;
    case 'set':
      return `{${e.items.map(renderExpr).join(', ')}}`;
    case 'starred':
      return `*${renderExpr(e.value)}`;
    case 'dict':
      return `{${e.entries.map((d) => (d.key === undefined ? `**${renderExpr(d.value)}` : `${renderExpr(d.key)}: ${renderExpr(d.value)}`)).join(', ')}}`;
    case 'lambda':
      return Array.isArray(e.body) ? `(lambda ${renderParams(e.params)}: <${e.body.length} statements>)` : `(lambda ${renderParams(e.params)}: ${renderExpr(e.body as Expr)})`;
    case 'comp': {
      const gens = e.generators.map(renderGenerator).join(' ');
      const elt = e.value !== undefined ? `${renderExpr(e.elt)}: ${renderExpr(e.value)}` : renderExpr(e.elt);
      const [open, close] = e.kind === 'list' ? ['[', ']'] : e.kind === 'gen' ? ['(', ')'] : ['{', '}'];
      return `${open}${elt} ${gens}${close}`;
    }
    case 'walrus':
      return `(${renderExpr(e.target)} := ${renderExpr(e.value)})`;
    case 'yield':
      return `(yield${e.from ? ' from' : ''}${e.value ? ` ${renderExpr(e.value)}` : ''})`;
    case 'unknown':
      return '?';
  }
}

function opt(e: Expr | undefined): string {
  return e === undefined ? '' : renderExpr(e);
}

function renderArg(a: Arg): string {
  return `${a.star ?? ''}${a.name !== undefined ? `${a.name}=` : ''}${renderExpr(a.value)}`;
}

function renderGenerator(g: Comprehension): string {
  return [`for ${renderExpr(g.target)} in ${renderExpr(g.iter)}`, ...g.ifs.map((i) => `if ${renderExpr(i)}`)].join(' ');
}

/** Parameters in Python syntax, with `/` and a bare `*` where the kinds require them. */
export function renderParams(params: readonly Param[]): string {
  const parts: string[] = [];
  params.forEach((p, i) => {
    const prev = params[i - 1];
    if (p.kind === 'keyword-only' && prev?.kind !== 'keyword-only' && prev?.kind !== 'var-positional') parts.push('*');
    const star = p.kind === 'var-positional' ? '*' : p.kind === 'var-keyword' ? '**' : '';
    const ann = p.annotation !== undefined ? `: ${renderExpr(p.annotation)}` : '';
    const def = p.default !== undefined ? `${ann ? ' = ' : '='}${renderExpr(p.default)}` : '';
    parts.push(`${star}${p.name}${ann}${def}`);
    if (p.kind === 'positional-only' && params[i + 1]?.kind !== 'positional-only') parts.push('/');
  });
  return parts.join(', ');
}

/** One line per simple statement, compound bodies indented by two spaces. */
export function renderStmts(body: readonly Stmt[], src?: string, indent = ''): string[] {
  return body.flatMap((s) => renderStmt(s, src, indent));
}

function block(header: string, body: readonly Stmt[], src: string | undefined, indent: string): string[] {
  return [`${indent}${header}`, ...renderStmts(body, src, indent + '  ')];
}

function renderStmt(s: Stmt, src: string | undefined, indent: string): string[] {
  const line = (text: string): string[] => [`${indent}${text}`];
  switch (s.k) {
    case 'expr':
      return line(renderExpr(s.value));
    case 'assign': {
      const ann = s.annotation !== undefined ? `: ${renderExpr(s.annotation)}` : '';
      const value = s.value !== undefined ? ` = ${renderExpr(s.value)}` : '';
      return line(`${s.targets.map(renderExpr).join(' = ')}${ann}${value}`);
    }
    case 'augassign':
      return line(`${renderExpr(s.target)} ${s.op}= ${renderExpr(s.value)}`);
    case 'if':
      return [...block(`if ${renderExpr(s.test)}:`, s.body, src, indent), ...(s.orelse.length > 0 ? block('else:', s.orelse, src, indent) : [])];
    case 'for':
      return [
        ...block(`for ${renderExpr(s.target)} in ${renderExpr(s.iter)}:`, s.body, src, indent),
        ...(s.orelse.length > 0 ? block('else:', s.orelse, src, indent) : []),
      ];
    case 'while':
      return [...block(`while ${renderExpr(s.test)}:`, s.body, src, indent), ...(s.orelse.length > 0 ? block('else:', s.orelse, src, indent) : [])];
    case 'return':
      return line(s.value !== undefined ? `return ${renderExpr(s.value)}` : 'return');
    case 'break':
    case 'continue':
    case 'pass':
      return line(s.k);
    case 'def':
      return [
        ...s.decorators.map((d) => `${indent}@${renderExpr(d)}`),
        ...block(`${s.isAsync ? 'async ' : ''}def ${s.name}(${renderParams(s.params)})${s.returns !== undefined ? ` -> ${renderExpr(s.returns)}` : ''}:`, s.body, src, indent),
      ];
    case 'class':
      return [
        ...s.decorators.map((d) => `${indent}@${renderExpr(d)}`),
        ...block(`class ${s.name}${s.bases.length > 0 ? `(${s.bases.map(renderArg).join(', ')})` : ''}:`, s.body, src, indent),
      ];
    case 'import':
      return line(`import ${s.names.map((n) => (n.asname !== undefined ? `${n.name} as ${n.asname}` : n.name)).join(', ')}`);
    case 'importfrom':
      return line(`from ${'.'.repeat(s.level)}${s.module} import ${s.names.map((n) => (n.asname !== undefined ? `${n.name} as ${n.asname}` : n.name)).join(', ')}`);
    case 'try':
      return [
        ...block('try:', s.body, src, indent),
        ...s.handlers.flatMap((h) =>
          block(`except${h.type !== undefined ? ` ${renderExpr(h.type)}` : ''}${h.name !== undefined ? ` as ${h.name}` : ''}:`, h.body, src, indent),
        ),
        ...(s.orelse.length > 0 ? block('else:', s.orelse, src, indent) : []),
        ...(s.finalbody.length > 0 ? block('finally:', s.finalbody, src, indent) : []),
      ];
    case 'with':
      return block(`with ${s.items.map((i) => (i.target !== undefined ? `${renderExpr(i.ctx)} as ${renderExpr(i.target)}` : renderExpr(i.ctx))).join(', ')}:`, s.body, src, indent);
    case 'raise':
      return line(s.exc !== undefined ? `raise ${renderExpr(s.exc)}` : 'raise');
    case 'assert':
      return line(`assert ${renderExpr(s.test)}${s.msg !== undefined ? `, ${renderExpr(s.msg)}` : ''}`);
    case 'del':
      return line(`del ${s.targets.map(renderExpr).join(', ')}`);
    case 'global':
    case 'nonlocal':
      return line(`${s.k} ${s.names.join(', ')}`);
    case 'unknown':
      // The first line of the skipped source, when we have it.
      return line(src !== undefined ? `unknown ${JSON.stringify(src.slice(s.range.start, s.range.end).split('\n')[0])}` : 'unknown');
  }
}

/** Every `range` / `nameRange` in the IR, for validity checks. */
export function allRanges(ir: ModuleIR): Range[] {
  const out: Range[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object') {
      for (const [key, child] of Object.entries(v)) {
        if (key === 'range' || key === 'nameRange') out.push(child as Range);
        else visit(child);
      }
    }
  };
  visit(ir);
  return out;
}

/** Throws unless every range lies within a text of length `length`. */
export function assertRangesWithin(ir: ModuleIR, length: number): void {
  for (const r of allRanges(ir)) {
    if (!(Number.isInteger(r.start) && Number.isInteger(r.end) && 0 <= r.start && r.start <= r.end && r.end <= length)) {
      throw new Error(`range ${JSON.stringify(r)} outside a text of length ${length}`);
    }
  }
}
