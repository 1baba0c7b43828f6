// The core IR: a small, language-neutral tree that frontends lower source into and the abstract
// interpreter runs. Every node keeps its source range (UTF-16 offsets into the document text).
// Anything a frontend cannot lower becomes an `unknown` node, never an exception.

export interface Range {
  readonly start: number;
  readonly end: number;
}

export type BinaryOp = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '@' | '&' | '|' | '^' | '<<' | '>>';
export type UnaryOp = '-' | '+' | 'not' | '~';
export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'is' | 'is not';

/** A call argument: positional, `name=value`, `*value` or `**value`. */
export interface Arg {
  readonly name?: string;
  readonly star?: '*' | '**';
  readonly value: Expr;
  readonly range: Range;
}

export interface Comprehension {
  readonly target: Expr;
  readonly iter: Expr;
  readonly ifs: readonly Expr[];
}

export type Expr =
  | { readonly k: 'name'; readonly id: string; readonly range: Range }
  | { readonly k: 'num'; readonly value: number; readonly isFloat: boolean; readonly range: Range }
  | { readonly k: 'str'; readonly value: string; readonly range: Range }
  /** An f-string or other string whose value is not known statically. */
  /** An f-string: its literal text and `{expr!conversion}` fields; `parts` is absent where one
   *  field has a format spec (or a t-string): then only its type is known. */
  | { readonly k: 'fstr'; readonly parts?: readonly (string | { readonly expr: Expr; readonly conversion?: 'r' | 's' | 'a' })[]; readonly range: Range }
  | { readonly k: 'bool'; readonly value: boolean; readonly range: Range }
  | { readonly k: 'none'; readonly range: Range }
  | { readonly k: 'ellipsis'; readonly range: Range }
  | { readonly k: 'attr'; readonly obj: Expr; readonly name: string; readonly nameRange: Range; readonly range: Range }
  | { readonly k: 'subscript'; readonly obj: Expr; readonly index: Expr; readonly range: Range }
  | { readonly k: 'slice'; readonly start?: Expr; readonly stop?: Expr; readonly step?: Expr; readonly range: Range }
  | { readonly k: 'call'; readonly fn: Expr; readonly args: readonly Arg[]; readonly range: Range }
  | { readonly k: 'binop'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr; readonly range: Range }
  | { readonly k: 'unary'; readonly op: UnaryOp; readonly operand: Expr; readonly range: Range }
  /** `a < b <= c`: ops[i] compares operands[i] and operands[i + 1]. */
  | { readonly k: 'compare'; readonly ops: readonly CompareOp[]; readonly operands: readonly Expr[]; readonly range: Range }
  | { readonly k: 'boolop'; readonly op: 'and' | 'or'; readonly values: readonly Expr[]; readonly range: Range }
  | { readonly k: 'ifexp'; readonly test: Expr; readonly body: Expr; readonly orelse: Expr; readonly range: Range }
  | { readonly k: 'tuple' | 'list' | 'set'; readonly items: readonly Expr[]; readonly range: Range }
  | { readonly k: 'starred'; readonly value: Expr; readonly range: Range }
  /** `key` is absent for a `**spread` entry. */
  | { readonly k: 'dict'; readonly entries: readonly { readonly key?: Expr; readonly value: Expr }[]; readonly range: Range }
  /** A function literal: Python's `lambda` (an expression body), or a JS arrow/Julia anonymous function with statements. */
  | { readonly k: 'lambda'; readonly params: readonly Param[]; readonly body: Expr | readonly Stmt[]; readonly range: Range }
  | {
      readonly k: 'comp';
      readonly kind: 'list' | 'set' | 'dict' | 'gen';
      /** The element (the key, for a dict comprehension). */
      readonly elt: Expr;
      readonly value?: Expr;
      readonly generators: readonly Comprehension[];
      readonly range: Range;
    }
  /** `x := value` */
  | { readonly k: 'walrus'; readonly target: Expr; readonly value: Expr; readonly range: Range }
  /** `yield value` (value absent for a bare `yield`), `yield from value` when `from`. */
  | { readonly k: 'yield'; readonly value?: Expr; readonly from?: boolean; readonly range: Range }
  /** Not lowered (a syntax error, await...): evaluates to Unknown. */
  | { readonly k: 'unknown'; readonly range: Range };

export type ParamKind = 'positional-only' | 'positional-or-keyword' | 'var-positional' | 'keyword-only' | 'var-keyword';

export interface Param {
  readonly name: string;
  readonly kind: ParamKind;
  readonly default?: Expr;
  readonly annotation?: Expr;
  readonly range: Range;
}

export interface ExceptHandler {
  readonly type?: Expr;
  readonly name?: string;
  readonly body: readonly Stmt[];
}

export interface ImportName {
  /** Dotted module path for `import a.b`, or the imported name for `from m import name` (`*` for star). */
  readonly name: string;
  readonly asname?: string;
  readonly range: Range;
}

export type Stmt =
  | { readonly k: 'expr'; readonly value: Expr; readonly range: Range }
  /** `a = b = value`, and `x: T = value` (one target with its annotation; value absent for `x: T`). */
  | { readonly k: 'assign'; readonly targets: readonly Expr[]; readonly value?: Expr; readonly annotation?: Expr; readonly range: Range }
  | { readonly k: 'augassign'; readonly target: Expr; readonly op: BinaryOp; readonly value: Expr; readonly range: Range }
  | { readonly k: 'if'; readonly test: Expr; readonly body: readonly Stmt[]; readonly orelse: readonly Stmt[]; readonly range: Range }
  | { readonly k: 'for'; readonly target: Expr; readonly iter: Expr; readonly body: readonly Stmt[]; readonly orelse: readonly Stmt[]; readonly range: Range }
  | { readonly k: 'while'; readonly test: Expr; readonly body: readonly Stmt[]; readonly orelse: readonly Stmt[]; readonly range: Range }
  | { readonly k: 'return'; readonly value?: Expr; readonly range: Range }
  | { readonly k: 'break' | 'continue' | 'pass'; readonly range: Range }
  | {
      readonly k: 'def';
      readonly name: string;
      readonly nameRange: Range;
      readonly params: readonly Param[];
      readonly body: readonly Stmt[];
      readonly decorators: readonly Expr[];
      readonly returns?: Expr;
      readonly isAsync: boolean;
      readonly range: Range;
    }
  | {
      readonly k: 'class';
      readonly name: string;
      readonly nameRange: Range;
      readonly bases: readonly Arg[];
      readonly body: readonly Stmt[];
      readonly decorators: readonly Expr[];
      readonly range: Range;
    }
  | { readonly k: 'import'; readonly names: readonly ImportName[]; readonly range: Range }
  /** `from .m import a as b`: level counts the leading dots. */
  | { readonly k: 'importfrom'; readonly module: string; readonly level: number; readonly names: readonly ImportName[]; readonly range: Range }
  | {
      readonly k: 'try';
      readonly body: readonly Stmt[];
      readonly handlers: readonly ExceptHandler[];
      readonly orelse: readonly Stmt[];
      readonly finalbody: readonly Stmt[];
      readonly range: Range;
    }
  | { readonly k: 'with'; readonly items: readonly { readonly ctx: Expr; readonly target?: Expr }[]; readonly body: readonly Stmt[]; readonly range: Range }
  | { readonly k: 'raise'; readonly exc?: Expr; readonly range: Range }
  | { readonly k: 'assert'; readonly test: Expr; readonly msg?: Expr; readonly range: Range }
  | { readonly k: 'del'; readonly targets: readonly Expr[]; readonly range: Range }
  | { readonly k: 'global' | 'nonlocal'; readonly names: readonly string[]; readonly range: Range }
  /** A statement that did not parse or is not supported: skipped, the rest goes on. */
  | { readonly k: 'unknown'; readonly range: Range };

export interface Comment {
  readonly text: string;
  readonly range: Range;
}

/** The source language a module was lowered from (Python when absent). */
export type Language = 'python' | 'javascript' | 'julia';

/** One source file, lowered. */
export interface ModuleIR {
  readonly language?: Language;
  readonly body: readonly Stmt[];
  /** All comments, in order (shape annotations such as `# shape: x = [B, 1, 28, 28]` live here). */
  readonly comments: readonly Comment[];
  /** Ranges the parser could not make sense of (for diagnostics; analysis goes on around them). */
  readonly syntaxErrors: readonly Range[];
}
