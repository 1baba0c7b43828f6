#!/usr/bin/env python3
"""Differential test of the interpreter's Python semantics against CPython (the oracle side).

Generates thousands of small seeded programs over ints, floats, bools, strings, tuples, lists,
dicts, sets, slicing, comprehensions, builtins, unpacking and *args/**kwargs; runs each under this
CPython top-level statement by statement (stopping at the first exception, as a script would) and
writes test/pysemantics/goldens/<family>.json: each program's source, the value of every top-level
name when it stopped, and the exception it stopped on. cpython.test.ts runs the same programs in
the interpreter and compares. Same seed, same files.

    /usr/bin/python3 test/pysemantics/generate_programs.py
"""
import ast
import warnings
import json
import math
import os
import random
import resource
import subprocess
import sys

SEED = 15
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "goldens")

# ---- running a program ------------------------------------------------------------------------


def encode(v, depth=0):
    """A value as typed JSON: ints as decimal strings (no 2**53 limit), floats as repr."""
    if depth > 8:
        return ["opaque", "deep"]
    if v is None:
        return ["none"]
    t = type(v)
    if t is bool:
        return ["bool", v]
    if t is int:
        return ["int", str(v)]
    if t is float:
        return ["float", repr(v)]
    if t is str:
        return ["str", v]
    if t is tuple:
        return ["tuple", [encode(x, depth + 1) for x in v]]
    if t is list:
        return ["list", [encode(x, depth + 1) for x in v]]
    if t is dict:
        return ["dict", [[encode(k, depth + 1), encode(x, depth + 1)] for k, x in v.items()]]
    if t is set:
        return ["set", sorted((encode(x, depth + 1) for x in v), key=json.dumps)]
    if t is range:
        return ["range", [v.start, v.stop, v.step]]
    return ["opaque", t.__name__]


def first_line(stmt):
    return min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", [])])


def run(src):
    """Run top-level statements in order; stop at the first exception. Returns (env, raised)."""
    tree = ast.parse(src)
    env = {"__name__": "__main__"}
    for stmt in tree.body:
        code = compile(ast.Module([stmt], []), "<program>", "exec")
        try:
            exec(code, env)
        except Exception as e:  # noqa: BLE001 - the exception is the golden
            return env, {"line": first_line(stmt), "type": type(e).__name__}
    return env, None


def oversized(v, depth=0):
    """Values too big to be worth a golden line (a 5000-digit int, a huge list)."""
    if depth > 8:
        return True
    if type(v) is int:
        return v.bit_length() > 256
    if type(v) is str:
        return len(v) > 200
    if type(v) in (list, tuple, set):
        return len(v) > 64 or any(oversized(x, depth + 1) for x in v)
    if type(v) is dict:
        return len(v) > 64 or any(oversized(x, depth + 1) for x in v.values())
    return False


def snapshot(env):
    return {k: encode(v) for k, v in sorted(env.items())
            if not k.startswith("__") and type(v).__name__ not in ("module", "function", "type", "builtin_function_or_method")}


# ---- the program builder ----------------------------------------------------------------------


def tag(v):
    """The generator's type for a runtime value (what an expression of that type may use)."""
    t = type(v)
    if t in (bool, int, float, str):
        return t.__name__
    if t in (list, tuple, set):
        if v and all(type(x) is int for x in v):
            return f"{t.__name__}_int"
        if v and all(type(x) is str for x in v):
            return f"{t.__name__}_str"
        return t.__name__
    if t is dict:
        if v and all(type(k) is str for k in v) and all(type(x) is int for x in v.values()):
            return "dict_si"
        return "dict"
    if callable(v):
        return "function"
    return "other"


class Program:
    def __init__(self, rng, max_statements):
        self.rng = rng
        self.lines = []
        self.n = 0
        self.types = {}
        self.ended = False
        self.max = max_statements

    def fresh(self):
        name = f"v{self.n}"
        self.n += 1
        return name

    def var(self, *types):
        """A bound variable of one of the types, or None."""
        names = sorted(k for k, t in self.types.items() if t in types)
        return self.rng.choice(names) if names else None

    def add(self, make, tries=6, keep_raising=0.12):
        """Add the statement (lines) make() builds if the program still runs with it; a statement
        that raises is kept now and then (it ends the program: the engine must not know a value
        where CPython raised)."""
        for _ in range(tries):
            saved = self.n
            block = make()
            if block is None:
                continue
            # Generated code writes `x` for "x": f-string expressions (Python 3.11) take no quotes.
            lines = self.lines + [line.replace("`", '"') for line in (block if isinstance(block, list) else block.split("\n"))]
            src = "\n".join(lines) + "\n"
            try:
                ast.parse(src)
                env, raised = run(src)
            except (SyntaxError, RecursionError, MemoryError, OverflowError, ValueError):
                self.n = saved
                continue
            if any(oversized(v) for k, v in env.items() if not k.startswith("__")):
                self.n = saved
                continue
            if raised and (raised["type"] == "MemoryError" or self.rng.random() > keep_raising):
                self.n = saved
                continue
            self.lines = lines
            self.types = {k: tag(v) for k, v in env.items() if not k.startswith("__")}
            self.ended = raised is not None
            return True
        return False

    def source(self):
        return "\n".join(self.lines) + "\n"


# ---- expressions by type ----------------------------------------------------------------------

INTS = [0, 1, 2, 3, 4, 5, 7, 8, 10, 12, 13, 16, 31, 64, 100, 255, 256, 1000, -1, -2, -3, -5, -7, -8, -10, -13, -100]
FLOATS = ["0.0", "0.5", "1.0", "1.5", "2.5", "3.5", "-0.5", "-1.5", "-2.5", "0.1", "0.2", "0.25", "2.675", "1e-3",
          "1e16", "-0.0", "3.14159", "7.0", "-7.25", "100.0", "1.005", "0.125", "2.0", "1e300"]
WORDS = ["same", "valid", "relu", "gelu", "conv1.weight", "a,b,c", " x ", "ResNet50", "", "layer_1", "Hello World",
         "abc", "a b  c", "x", "ab", "1,2,3", "42", "-7", "3.5", "IMG_001.png", "cuda:0", "café", "  padded  ", "A-B-C"]
SEPS = ['","', '"."', '" "', '"_"', '"-"', '":"', '""']


class Expr:
    """Random expressions of a wanted type, reusing the program's variables."""

    def __init__(self, p):
        self.p = p
        self.r = p.rng

    def pick(self, options):
        weights = [w for w, _ in options]
        return self.r.choices([f for _, f in options], weights)[0]()

    def v(self, *types):
        return self.p.var(*types)

    # ints
    def int_lit(self):
        return str(self.r.choice(INTS))

    def small(self, lo=0, hi=6):
        return str(self.r.randint(lo, hi))

    def int_(self, d=2):
        if d <= 0:
            return self.v("int") if self.r.random() < 0.4 and self.v("int") else self.int_lit()
        e = lambda: self.int_(d - 1)  # noqa: E731
        return self.pick([
            (4, lambda: self.int_(0)),
            (6, lambda: f"{e()} {self.r.choice(['+', '-', '*'])} {e()}"),
            (5, lambda: f"{e()} {self.r.choice(['//', '%'])} {self.r.choice([e(), self.int_lit()])}"),
            (3, lambda: f"({e()}) ** {self.r.choice(['0', '1', '2', '3', '5', '8', '9', '10', '12', '16', '20', '31', '40', '62', '64', '70', '-1', '-2'])}"),
            (2, lambda: f"{self.r.choice(['2', '3', '10', '-2', '7'])} ** {self.r.choice(['9', '16', '31', '32', '52', '53', '54', '63', '64', '100'])}"),
            (2, lambda: f"-({e()})"),
            (1, lambda: f"~({e()})"),
            (2, lambda: f"({e()}) {self.r.choice(['<<', '>>'])} {self.small(0, 70) if self.r.random() < 0.3 else self.small(0, 8)}"),
            (2, lambda: f"({e()}) {self.r.choice(['&', '|', '^'])} ({e()})"),
            (2, lambda: f"abs({e()})"),
            (2, lambda: f"divmod({e()}, {e()})[{self.r.randint(0, 1)}]"),
            (2, lambda: f"{self.r.choice(['min', 'max'])}({e()}, {e()})"),
            (2, lambda: f"len({self.seq(d - 1)})"),
            (1, lambda: f"sum({self.list_int(d - 1)})"),
            (2, lambda: f"int({self.float_(d - 1)})"),
            (2, lambda: f"round({self.float_(d - 1)})"),
            (1, lambda: f"round({e()}, {self.r.choice(['-1', '-2', '0', '1'])})"),
            (1, lambda: f"int({self.r.choice(['`12`', '` 7 `', '`-3`', '`1_000`', '`+5`', '`0x10`', '`ff`', '`1.5`', '``'])}{self.r.choice(['', '', ', 16', ', 2', ', 0'])})"),
            (1, lambda: f"{self.r.choice(['True', 'False'])} {self.r.choice(['+', '*', '-'])} {e()}"),
            (1, lambda: f"{self.list_int(d - 1)}[{self.index()}]"),
            (1, lambda: f"{self.str_(d - 1)}.{self.r.choice(['count', 'find', 'rfind', 'index'])}({self.r.choice(['`a`', '`l`', '`,`', '`x`', '``'])})"),
            (1, lambda: f"({e()} if {self.bool_(d - 1)} else {e()})"),
            (1, lambda: f"math.{self.r.choice(['floor', 'ceil', 'trunc'])}({self.float_(d - 1)})"),
            (1, lambda: f"math.{self.r.choice(['gcd', 'isqrt', 'factorial', 'comb', 'perm'])}({', '.join(str(abs(int(self.int_lit())) % 20) for _ in range(self.r.randint(1, 2)))})"),
        ])

    def index(self):
        return self.r.choice(["0", "1", "2", "-1", "-2", "3", "5", "-6"])

    # floats
    def float_lit(self):
        return self.r.choice(FLOATS)

    def float_(self, d=2):
        if d <= 0:
            return self.v("float") if self.r.random() < 0.4 and self.v("float") else self.float_lit()
        e = lambda: self.float_(d - 1)  # noqa: E731
        n = lambda: self.r.choice([self.float_(d - 1), self.int_(d - 1)])  # noqa: E731
        return self.pick([
            (4, lambda: self.float_(0)),
            (5, lambda: f"{e()} {self.r.choice(['+', '-', '*', '/'])} {n()}"),
            (3, lambda: f"{self.int_(d - 1)} / {self.int_(d - 1)}"),
            (4, lambda: f"{e()} {self.r.choice(['//', '%'])} {n()}"),
            (3, lambda: f"({e()}) ** {self.r.choice(['2', '3', '0.5', '-1', '2.0', '-0.5', '10', '400', '1/3'])}"),
            (2, lambda: f"{self.r.choice(['2', '10', '-2', '0', '4'])} ** {self.r.choice(['-1', '-2', '0.5', '-3', '-0.5'])}"),
            (2, lambda: f"round({e()}, {self.r.choice(['0', '1', '2', '3', '-1', '-2', '5'])})"),
            (2, lambda: f"float({self.r.choice([self.int_(d - 1), '`1.5`', '` 2e3 `', '`inf`', '`-inf`', '`nan`', '`1_0.5`', '`0x10`', '``', '`abc`', 'True'])})"),
            (2, lambda: f"abs({e()})"),
            (1, lambda: f"-{e()}"),
            (2, lambda: f"{self.r.choice(['min', 'max'])}({e()}, {n()})"),
            (1, lambda: f"sum([{e()}, {e()}, {n()}])"),
            (1, lambda: f"math.{self.r.choice(['sqrt', 'fabs', 'log2', 'log', 'exp', 'log10'])}({e()})"),
            (2, lambda: f"({self.r.choice([e(), self.int_(0)])}) ** {self.r.choice(['0.5', '-0.5', '1.5', '-1.5', '2.5', '0.25'])}"),
            (1, lambda: f"math.pow({n()}, {self.r.choice(['2', '0.5', '-1', '3.0', '-0.5'])})"),
            (1, lambda: f"math.prod([{n()}, {n()}]{self.r.choice(['', ', start=2'])})"),
            (1, lambda: f"math.{self.r.choice(['pi', 'e', 'inf', 'tau'])}"),
            (1, lambda: f"divmod({e()}, {n()})[{self.r.randint(0, 1)}]"),
        ])

    # bools
    def cmp_operand(self, d):
        return self.r.choice([self.int_(d), self.int_(d), self.float_(d), self.str_(0)])

    def bool_(self, d=2):
        if d <= 0:
            return self.v("bool") if self.r.random() < 0.3 and self.v("bool") else self.r.choice(["True", "False"])
        return self.pick([
            (2, lambda: self.bool_(0)),
            (5, lambda: f"{self.int_(d - 1)} {self.r.choice(['<', '<=', '>', '>=', '==', '!='])} {self.int_(d - 1)}"),
            (3, lambda: " ".join(x for i in range(self.r.randint(2, 4))
                                 for x in ([self.int_(0)] if i == 0 else [self.r.choice(['<', '<=', '==', '!=', '>', '>=']), self.int_(0)]))),
            (2, lambda: f"{self.cmp_operand(d - 1)} {self.r.choice(['==', '!=', '<'])} {self.cmp_operand(d - 1)}"),
            (3, lambda: f"{self.bool_(d - 1)} {self.r.choice(['and', 'or'])} {self.bool_(d - 1)}"),
            (2, lambda: f"not {self.bool_(d - 1)}"),
            (3, lambda: f"{self.int_(0)} {self.r.choice(['in', 'not in'])} {self.r.choice([self.list_int(d - 1), self.tuple_int(d - 1), self.set_int(d - 1)])}"),
            (2, lambda: f"{self.str_(0)} {self.r.choice(['in', 'not in'])} {self.r.choice([self.str_(d - 1), self.list_str(d - 1), self.dict_si(d - 1)])}"),
            (2, lambda: f"isinstance({self.any_(d - 1)}, {self.r.choice(['int', 'float', 'str', 'bool', 'list', 'tuple', 'dict', 'set', '(int, float)', '(list, tuple)', 'object'])})"),
            (2, lambda: f"{self.r.choice(['any', 'all'])}({self.r.choice([self.list_int(d - 1), self.list_str(d - 1), '[]', '[0, 0.0, ``]'])})"),
            (2, lambda: f"bool({self.any_(d - 1)})"),
            (2, lambda: f"{self.str_(d - 1)}.{self.r.choice(['startswith', 'endswith'])}({self.r.choice(['`a`', '`conv`', '``', '(`x`, `R`)', '`same`', '`.png`'])})"),
            (1, lambda: f"{self.str_(d - 1)}.{self.r.choice(['isdigit', 'isalpha', 'isalnum', 'isupper', 'islower', 'isspace', 'isidentifier', 'isnumeric', 'isdecimal'])}()"),
            (1, lambda: f"{self.any_(d - 1)} is {self.r.choice(['None', 'True', 'False'])}"),
            (1, lambda: f"{self.any_(d - 1)} is not None"),
            (1, lambda: f"{self.seq(d - 1)} {self.r.choice(['==', '!=', '<', '<='])} {self.seq(d - 1)}"),
            (1, lambda: f"{self.r.choice([self.float_(0), self.int_(0)])} == {self.r.choice([self.float_(0), self.int_(0)])}"),
        ])

    # strings
    def str_lit(self):
        return json.dumps(self.r.choice(WORDS), ensure_ascii=False)

    def str_(self, d=2):
        if d <= 0:
            return self.v("str") if self.r.random() < 0.4 and self.v("str") else self.str_lit()
        e = lambda: self.str_(d - 1)  # noqa: E731
        return self.pick([
            (4, lambda: self.str_(0)),
            (3, lambda: f"{e()} + {e()}"),
            (2, lambda: f"{e()} * {self.small(0, 3)}"),
            (3, lambda: f"{e()}.{self.r.choice(['upper', 'lower', 'strip', 'lstrip', 'rstrip', 'title', 'capitalize', 'swapcase', 'casefold'])}()"),
            (3, lambda: f"{self.r.choice(SEPS)}.join({self.r.choice([self.list_str(d - 1), e(), 'sorted(' + e() + ')'])})"),
            (2, lambda: f"{e()}.replace({self.r.choice(['`a`', '`,`', '` `', '`l`'])}, {self.r.choice(['``', '`_`', '`AA`'])}{self.r.choice(['', ', 1'])})"),
            (3, lambda: f"{e()}[{self.slice_()}]"),
            (2, lambda: f"{e()}[{self.index()}]"),
            (2, lambda: f"str({self.r.choice([self.int_(d - 1), 'True', 'None', e(), '-0', self.list_int(0)])})"),
            (2, lambda: f"{self.r.choice(['str', 'repr'])}({self.r.choice([self.float_(1), self.list_str(0), self.tuple_int(0), self.dict_si(0), self.str_(0), 'set()', '{3}', '(1.5,)', '1e16', '0.0001', '1e-05', '-0.0', '123456789012345678.0', '[0.1, 2.5]'])})"),
            (2, lambda: f"{self.r.choice(['`{}_{}`', '`{0}-{1}-{0}`', '`{}`', '`{a}/{b}`', '`[{}]`'])}.format({self.r.choice([self.str_(0), self.int_(0)])}, {self.r.choice([self.str_(0), self.int_(0)])}{', a=1, b=`z`' if self.r.random() < 0.5 else ''})"),
            (2, lambda: f"{self.r.choice(['`%d`', '`%s-%s`', '`%s`', '`%i%%`', '`%5d|`', '`%r`'])} % {self.r.choice([self.int_(0), '(' + self.str_(0) + ', ' + self.int_(0) + ')', self.str_(0), '(1, 2)'])}"),
            (1, lambda: f"f`{{{self.r.choice([self.int_(0), self.str_(0)])}}}_x`"),
            (2, lambda: f"{e()}.{self.r.choice(['split', 'rsplit'])}({self.r.choice(['', '`,`', '` `', '`.`'])})[{self.index()}]"),
            (1, lambda: f"{e()}.{self.r.choice(['zfill', 'center', 'ljust', 'rjust'])}({self.small(0, 8)})"),
            (1, lambda: f"{e()}.{self.r.choice(['removeprefix', 'removesuffix'])}({self.r.choice(['`a`', '`conv`', '`.png`', '`x`'])})"),
            (1, lambda: f"{e()}.partition({self.r.choice(['`.`', '`,`', '`:`'])})[{self.r.randint(0, 2)}]"),
            (1, lambda: f"{self.r.choice(['min', 'max'])}({e()}, {e()})"),
            (1, lambda: f"({e()} if {self.bool_(d - 1)} else {e()})"),
            (1, lambda: f"{self.dict_si(d - 1)}.get({self.str_(0)}, `none`)"),
        ])

    def slice_(self):
        parts = [self.r.choice(["", "0", "1", "2", "-1", "-2", "-3", "5", "10", "-10"]) for _ in range(2)]
        s = f"{parts[0]}:{parts[1]}"
        if self.r.random() < 0.35:
            s += ":" + self.r.choice(["1", "2", "-1", "-2", "3", ""])
        return s

    # sequences
    def list_int(self, d=2):
        if d <= 0:
            v = self.v("list_int")
            if v and self.r.random() < 0.5:
                return v
            return "[" + ", ".join(self.int_lit() for _ in range(self.r.randint(0, 5))) + "]"
        e = lambda: self.list_int(d - 1)  # noqa: E731
        return self.pick([
            (4, lambda: self.list_int(0)),
            (2, lambda: f"{e()} + {e()}"),
            (1, lambda: f"{e()} * {self.small(0, 3)}"),
            (1, lambda: f"{self.small(0, 3)} * {e()}"),
            (3, lambda: f"{e()}[{self.slice_()}]"),
            (3, lambda: f"list(range({', '.join(self.r.choice(['0', '1', '3', '5', '10', '-3', '-1', '2']) for _ in range(self.r.randint(1, 3)))}))"),
            (3, lambda: f"sorted({self.r.choice([e(), self.tuple_int(d - 1), self.set_int(d - 1)])}{self.r.choice(['', ', reverse=True', ', key=abs', ', key=lambda t: -t', ', key=lambda t: t % 3, reverse=True'])})"),
            (2, lambda: f"list(reversed({e()}))"),
            (2, lambda: f"[{self.r.choice(['t * 2', 't + 1', 't // 2', 't % 3', '-t', 't ** 2', 'abs(t)'])} for t in {e()}{self.r.choice(['', ' if t > 0', ' if t % 2 == 0', ' if t'])}]"),
            (1, lambda: f"list({self.r.choice([self.tuple_int(d - 1), 'map(abs, ' + e() + ')', 'filter(None, ' + e() + ')'])})"),
            (1, lambda: f"[len(w) for w in {self.list_str(d - 1)}]"),
            (1, lambda: f"list({self.dict_si(d - 1)}.values())"),
            (1, lambda: f"[*{e()}, *{self.tuple_int(d - 1)}]"),
            (1, lambda: f"list(divmod({self.int_(0)}, {self.int_(0)}))"),
        ])

    def tuple_int(self, d=2):
        if d <= 0:
            v = self.v("tuple_int")
            if v and self.r.random() < 0.5:
                return v
            items = [self.int_lit() for _ in range(self.r.randint(0, 4))]
            return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
        e = lambda: self.tuple_int(d - 1)  # noqa: E731
        return self.pick([
            (4, lambda: self.tuple_int(0)),
            (2, lambda: f"{e()} + {e()}"),
            (1, lambda: f"{e()} * {self.small(0, 3)}"),
            (2, lambda: f"{e()}[{self.slice_()}]"),
            (2, lambda: f"tuple({self.list_int(d - 1)})"),
            (1, lambda: f"tuple(t + 1 for t in {self.list_int(d - 1)})"),
            (1, lambda: f"divmod({self.int_(d - 1)}, {self.int_(d - 1)})"),
            (1, lambda: f"({self.int_(d - 1)}, *{self.list_int(d - 1)})"),
        ])

    def list_str(self, d=2):
        if d <= 0:
            v = self.v("list_str")
            if v and self.r.random() < 0.5:
                return v
            return "[" + ", ".join(self.str_lit() for _ in range(self.r.randint(0, 4))) + "]"
        e = lambda: self.list_str(d - 1)  # noqa: E731
        return self.pick([
            (4, lambda: self.list_str(0)),
            (3, lambda: f"{self.str_(d - 1)}.{self.r.choice(['split', 'rsplit'])}({self.r.choice(['', '`,`', '` `', '`.`', '`,`, 1', 'maxsplit=1'])})"),
            (1, lambda: f"{self.str_(d - 1)}.splitlines()"),
            (2, lambda: f"sorted({e()}{self.r.choice(['', ', reverse=True', ', key=len', ', key=str.lower', ', key=lambda w: (len(w), w)'])})"),
            (2, lambda: f"[w.{self.r.choice(['upper', 'strip', 'lower'])}() for w in {e()}{self.r.choice(['', ' if w', ' if len(w) > 2', ' if w.startswith(`a`)'])}]"),
            (1, lambda: f"list({self.dict_si(d - 1)})"),
            (1, lambda: f"list({self.str_(d - 1)})"),
            (1, lambda: f"{e()} + {e()}"),
            (1, lambda: f"{e()}[{self.slice_()}]"),
        ])

    def seq(self, d=2):
        return self.r.choice([self.list_int(d), self.tuple_int(d), self.list_str(d), self.str_(d), self.dict_si(d), self.set_int(d)])

    # dicts and sets
    def dict_si(self, d=2):
        if d <= 0:
            v = self.v("dict_si")
            if v and self.r.random() < 0.5:
                return v
            keys = self.r.sample(["a", "b", "c", "lr", "padding", "stride", "x", "bias", "k1"], self.r.randint(0, 4))
            return "{" + ", ".join(f"{json.dumps(k)}: {self.int_lit()}" for k in keys) + "}"
        e = lambda: self.dict_si(d - 1)  # noqa: E731
        return self.pick([
            (4, lambda: self.dict_si(0)),
            (2, lambda: f"{{**{e()}, **{e()}}}"),
            (1, lambda: f"{e()} | {e()}"),
            (2, lambda: f"dict({self.r.choice(['a=1, b=2', 'zip(' + self.list_str(d - 1) + ', ' + self.list_int(d - 1) + ')', e(), e() + ', z=3', '[(`x`, 1), (`y`, 2)]', ''])})"),
            (2, lambda: f"{{w: len(w) for w in {self.list_str(d - 1)}{self.r.choice(['', ' if w'])}}}"),
            (1, lambda: f"{{k: v * 2 for k, v in {e()}.items(){self.r.choice(['', ' if v > 0'])}}}"),
            (1, lambda: f"dict.fromkeys({self.list_str(d - 1)}, {self.int_lit()})"),
        ])

    def set_int(self, d=2):
        if d <= 0:
            v = self.v("set_int")
            if v and self.r.random() < 0.5:
                return v
            items = [self.int_lit() for _ in range(self.r.randint(1, 5))]
            return "{" + ", ".join(items) + "}"
        e = lambda: self.set_int(d - 1)  # noqa: E731
        return self.pick([
            (4, lambda: self.set_int(0)),
            (3, lambda: f"set({self.r.choice([self.list_int(d - 1), self.tuple_int(d - 1), ''])})"),
            (3, lambda: f"{e()} {self.r.choice(['|', '&', '-', '^'])} {e()}"),
            (2, lambda: f"{e()}.{self.r.choice(['union', 'intersection', 'difference', 'symmetric_difference'])}({self.r.choice([e(), self.list_int(d - 1)])})"),
            (2, lambda: f"{{t % 5 for t in {self.list_int(d - 1)}}}"),
        ])

    def any_(self, d=2):
        return self.r.choice([self.int_, self.float_, self.bool_, self.str_, self.list_int, self.tuple_int, self.list_str,
                              self.dict_si, self.set_int, lambda d: "None"])(d)


# ---- families ---------------------------------------------------------------------------------


def assign(p, make):
    return lambda: f"{p.fresh()} = {make()}"


def straight(p, makers, n):
    """n statements, each an assignment of one of the makers' expressions."""
    for _ in range(n):
        if p.ended:
            return
        p.add(assign(p, p.rng.choice(makers)))


def aug(p, types, ops, rhs):
    v = p.var(*types)
    return (lambda: f"{v} {p.rng.choice(ops)}= {rhs()}") if v else None


def fam_ints(p):
    x = Expr(p)
    p.add(lambda: "import math", keep_raising=0)
    straight(p, [lambda: x.int_(2), lambda: x.int_(1), lambda: x.int_(3)], p.rng.randint(2, 5))
    if p.rng.random() < 0.5 and not p.ended:
        m = aug(p, ["int"], ["+", "-", "*", "//", "%", "**", "<<", ">>", "&", "|", "^"], lambda: p.rng.choice(["2", "3", "-3", "7", "0"]))
        if m:
            p.add(m)
    straight(p, [lambda: x.int_(2)], 1)


def fam_floats(p):
    x = Expr(p)
    p.add(lambda: "import math", keep_raising=0)
    straight(p, [lambda: x.float_(2), lambda: x.float_(1), lambda: x.int_(1)], p.rng.randint(2, 5))
    if p.rng.random() < 0.4 and not p.ended:
        m = aug(p, ["float"], ["+", "-", "*", "/", "//", "%", "**"], lambda: p.rng.choice(["2", "0.5", "-1.5", "3"]))
        if m:
            p.add(m)
    straight(p, [lambda: x.float_(2), lambda: f"round({x.float_(1)}{p.rng.choice(['', ', 1', ', 2'])})"], 1)


def fam_bools(p):
    x = Expr(p)
    straight(p, [lambda: x.int_(1), lambda: x.list_int(1), lambda: x.str_(1)], p.rng.randint(1, 2))
    straight(p, [lambda: x.bool_(2), lambda: x.bool_(3), lambda: f"{x.any_(1)} {p.rng.choice(['and', 'or'])} {x.any_(1)}"], p.rng.randint(2, 5))


def fam_strings(p):
    x = Expr(p)
    straight(p, [lambda: x.str_(2), lambda: x.str_(1), lambda: x.list_str(2), lambda: x.int_(1)], p.rng.randint(3, 6))
    if p.rng.random() < 0.3 and not p.ended:
        m = aug(p, ["str"], ["+", "*"], lambda: p.rng.choice(['"_x"', "2", '"."']))
        if m:
            p.add(m)


def list_mutation(p, x):
    v = p.var("list_int", "list", "list_str")
    if not v:
        return None
    r = p.rng
    return r.choice([
        lambda: f"{v}.append({x.int_(1)})",
        lambda: f"{v}.extend({r.choice([x.list_int(1), x.tuple_int(1), x.str_(0), 'range(3)'])})",
        lambda: f"{v}.insert({x.index()}, {x.int_(0)})",
        lambda: f"{p.fresh()} = {v}.pop({r.choice(['', '0', '-1', '1', '-2', '10'])})",
        lambda: f"{v}.pop({r.choice(['', '0', '1'])})",
        lambda: f"{v}.remove({x.int_(0)})",
        lambda: f"{v}.sort({r.choice(['', 'reverse=True', 'key=abs', 'key=lambda t: -t'])})",
        lambda: f"{v}.reverse()",
        lambda: f"{v}.clear()",
        lambda: f"{p.fresh()} = {v}.index({x.int_(0)})",
        lambda: f"{p.fresh()} = {v}.count({x.int_(0)})",
        lambda: f"{p.fresh()} = {v}.copy()",
        lambda: f"{v}[{x.index()}] = {x.int_(1)}",
        lambda: f"{v}[{x.slice_()}] = {x.list_int(0)}",
        lambda: f"del {v}[{r.choice([x.index(), x.slice_()])}]",
        lambda: f"{v} += {r.choice([x.list_int(0), x.tuple_int(0), x.str_(0)])}",
        lambda: f"{v} *= {x.small(0, 2)}",
        lambda: f"{p.fresh()} = {v}",
    ])()


def unpacking(p, x):
    r = p.rng
    a, b, c = p.fresh(), p.fresh(), p.fresh()
    return r.choice([
        lambda: f"{a}, {b} = {r.choice([x.tuple_int(1), x.list_int(1), x.str_(0), 'divmod(' + x.int_(0) + ', ' + x.int_(0) + ')'])}",
        lambda: f"{a}, *{b} = {r.choice([x.list_int(1), x.str_(0), x.tuple_int(1)])}",
        lambda: f"*{a}, {b} = {r.choice([x.list_int(1), x.tuple_int(1)])}",
        lambda: f"{a}, *{b}, {c} = {r.choice([x.list_int(1), x.str_(0), 'range(' + x.small(0, 6) + ')'])}",
        lambda: f"({a}, {b}), {c} = ({x.tuple_int(0)}, {x.int_(0)})",
        lambda: f"{a} = {b} = {x.list_int(0)}",
        lambda: f"{a}, {b} = {b}, {a} = {x.int_(0)}, {x.int_(0)}",
        lambda: f"[{a}, {b}] = {x.str_(0)}, {x.list_int(0)}",
        lambda: f"{a}, {b} = {x.dict_si(0)}",
        lambda: f"{a}, {b}, {c} = *{r.choice([x.list_int(0) + '[:2]', x.str_(0) + '.split(' + chr(39) + ',' + chr(39) + ')', 'divmod(7, 2)', x.tuple_int(0)])}, {x.int_(0)}",
        lambda: f"{a} = *{x.list_int(0)}[1:], *{x.str_(0)}.upper(), {x.int_(0)}",
        lambda: f"for {a}, {b} in {r.choice(['enumerate(' + x.list_str(0) + ')', 'zip(' + x.list_int(0) + ', ' + x.str_(0) + ')', x.dict_si(0) + '.items()'])}:\n    pass",
    ])()


def fam_lists(p):
    x = Expr(p)
    straight(p, [lambda: x.list_int(1), lambda: x.list_int(2), lambda: x.tuple_int(2), lambda: x.list_str(1)], p.rng.randint(1, 3))
    for _ in range(p.rng.randint(2, 5)):
        if p.ended:
            return
        p.add(lambda: p.rng.choice([lambda: list_mutation(p, x), lambda: list_mutation(p, x), lambda: unpacking(p, x),
                                    lambda: f"{p.fresh()} = {x.seq(1)}[{x.r.choice([x.index(), x.slice_()])}]"])())
    straight(p, [lambda: x.int_(1), lambda: x.list_int(1)], 1)


def dict_mutation(p, x):
    v = p.var("dict_si", "dict")
    if not v:
        return None
    r = p.rng
    key = lambda: r.choice([x.str_(0), '"a"', '"b"', '"padding"', '"stride"', '"zz"', "1", "True", "1.0", "None", "(1, 2)"])  # noqa: E731
    return r.choice([
        lambda: f"{v}[{key()}] = {x.int_(1)}",
        lambda: f"{p.fresh()} = {v}.pop({key()}{r.choice(['', ', None', ', 0'])})",
        lambda: f"{v}.pop({key()}, None)",
        lambda: f"{p.fresh()} = {v}.get({key()}{r.choice(['', ', -1'])})",
        lambda: f"{p.fresh()} = {v}.setdefault({key()}, {x.int_(0)})",
        lambda: f"{v}.update({r.choice([x.dict_si(1), 'z=9', '[(`q`, 1)]', x.dict_si(0) + ', w=2'])})",
        lambda: f"{p.fresh()} = {v}.popitem()",
        lambda: f"del {v}[{key()}]",
        lambda: f"{v}.clear()",
        lambda: f"{p.fresh()} = {key()} in {v}",
        lambda: f"{p.fresh()} = list({v}.{r.choice(['keys', 'values', 'items'])}())",
        lambda: f"{p.fresh()} = {v}.copy()",
        lambda: f"{p.fresh()} = {v}[{key()}]",
        lambda: f"{v} |= {x.dict_si(0)}",
        lambda: f"{p.fresh()} = len({v})",
        lambda: f"{p.fresh()} = {v} == {x.dict_si(0)}",
        lambda: f"{p.fresh()} = sorted({v}{r.choice(['', '.items()', '.values()'])})",
        lambda: f"for {p.fresh()} in list({v}):\n    {v}[{p.var('str') or '`a`'}] = 0",
    ])()


def fam_dicts(p):
    x = Expr(p)
    straight(p, [lambda: x.dict_si(1), lambda: x.dict_si(2), lambda: x.str_(0),
                 lambda: "{" + f"1: 'a', True: 'b', 1.0: 'c', {x.int_(0)}: 'd', (1, 2): 'e', None: 'f'" + "}"], p.rng.randint(1, 3))
    for _ in range(p.rng.randint(2, 6)):
        if p.ended:
            return
        p.add(lambda: dict_mutation(p, x))


def set_mutation(p, x):
    v = p.var("set_int", "set")
    if not v:
        return None
    r = p.rng
    return r.choice([
        lambda: f"{v}.add({x.int_(0)})",
        lambda: f"{v}.discard({x.int_(0)})",
        lambda: f"{v}.remove({x.int_(0)})",
        lambda: f"{v}.update({x.list_int(0)})",
        lambda: f"{p.fresh()} = len({v})",
        lambda: f"{p.fresh()} = {x.int_(0)} in {v}",
        lambda: f"{p.fresh()} = sorted({v}{r.choice(['', ', reverse=True'])})",
        lambda: f"{p.fresh()} = {r.choice(['min', 'max', 'sum'])}({v})",
        lambda: f"{p.fresh()} = {v} {r.choice(['==', '!=', '<=', '>=', '<', '>'])} {x.set_int(0)}",
        lambda: f"{p.fresh()} = {v}.{r.choice(['issubset', 'issuperset', 'isdisjoint'])}({x.set_int(0)})",
        lambda: f"{v} {r.choice(['|', '&', '-', '^'])}= {x.set_int(0)}",
        lambda: f"{p.fresh()} = list({v})",
        lambda: f"{v}.clear()",
    ])()


def fam_sets(p):
    x = Expr(p)
    straight(p, [lambda: x.set_int(1), lambda: x.set_int(2), lambda: "set()", lambda: x.list_int(0)], p.rng.randint(1, 3))
    for _ in range(p.rng.randint(2, 5)):
        if p.ended:
            return
        p.add(lambda: set_mutation(p, x))
    straight(p, [lambda: f"len({x.set_int(1)})", lambda: f"sorted({x.set_int(2)})", lambda: x.bool_(1)], 1)


def comprehension(p, x):
    r = p.rng
    src = lambda: r.choice([x.list_int(1), "range(" + x.small(0, 6) + ")", x.tuple_int(0), x.str_(0), x.list_str(0)])  # noqa: E731
    cond = lambda n: r.choice(["", f" if {n}", f" if {n} != 2", f" if not {n}", f" if {n} in (1, 'a', 3)"])  # noqa: E731
    return r.choice([
        lambda: f"[(i, j) for i in {src()}{cond('i')} for j in {src()}{cond('j')}]",
        lambda: f"[[i * j for j in range({x.small(0, 3)})] for i in {src()}{cond('i')}]",
        lambda: f"[i for row in {r.choice(['[[1, 2], [3], []]', '[(0, -1), (5, 5)]', '[' + x.list_int(0) + ', ' + x.list_int(0) + ']'])} for i in row{cond('i')}]",
        lambda: f"{{i: i * i for i in {src()}{cond('i')}}}",
        lambda: f"{{k: v for k, v in zip({src()}, {src()})}}",
        lambda: f"{{i % 3 for i in {r.choice([x.list_int(1), 'range(' + x.small(0, 9) + ')'])}}}",
        lambda: f"{r.choice(['sum', 'any', 'all', 'min', 'max', 'sorted', 'list', 'tuple', 'len'])}({r.choice(['i * 2', 'i', 'i % 2 == 0', '-i'])} for i in {r.choice([x.list_int(1), 'range(' + x.small(0, 5) + ')'])}{cond('i')})",
        lambda: f"sorted({src()}, key=lambda i: {r.choice(['-i', 'i % 3', '(i % 2, -i)', 'str(i)', 'len(str(i))', 'i'])}, reverse={r.choice(['True', 'False'])})",
        lambda: f"sorted({x.dict_si(1)}.items(), key=lambda kv: {r.choice(['kv[1]', '-kv[1]', 'kv[0]', '(kv[1], kv[0])'])}{r.choice(['', ', reverse=True'])})",
        lambda: f"[w[{r.choice(['0', '-1', ':2', '::-1'])}] for w in {x.list_str(1)} if w]",
        lambda: f"[x for x in {src()} if x{r.choice([' > 0', ' == `a`', ''])}][{x.slice_()}]",
        lambda: f"[(a, b) for a, b in enumerate({src()}, {r.choice(['1', 'start=2', '-1'])}) if a % 2]",
        lambda: f"max({src()}, key=lambda i: {r.choice(['-i', 'i % 3', 'abs(i)', 'len(str(i))'])}{r.choice(['', ', default=None'])})",
        lambda: f"min({r.choice([x.list_str(1), x.list_int(1), '[]'])}, {r.choice(['key=len', 'default=-1', 'key=lambda t: str(t)[::-1]'])})",
    ])()


def fam_comprehensions(p):
    x = Expr(p)
    straight(p, [lambda: x.list_int(1), lambda: x.list_str(1), lambda: x.int_(0)], p.rng.randint(1, 2))
    straight(p, [lambda: comprehension(p, x)], p.rng.randint(2, 4))


def builtin_call(p, x):
    r = p.rng
    items = lambda: r.choice([x.list_int(1), x.tuple_int(0), x.list_str(0), x.str_(0), "[]", "()", x.dict_si(0), x.set_int(0), "range(" + x.small(0, 5) + ")"])  # noqa: E731
    return r.choice([
        lambda: f"list(zip({', '.join(items() for _ in range(r.randint(0, 3)))}))",
        lambda: f"list(zip(*{r.choice(['[]', '[[1, 2], [3, 4]]', '[' + x.list_int(0) + ']', '[[1, 2, 3], `ab`]', '()'])}))",
        lambda: f"list(enumerate({items()}{r.choice(['', ', 1', ', start=5', ', -2'])}))",
        lambda: f"list(range({', '.join(r.choice(['0', '1', '3', '5', '10', '-3', '-1', '2', '-2', '0']) for _ in range(r.randint(0, 4)))}))",
        lambda: f"{r.choice(['min', 'max'])}({r.choice(['', items(), items() + ', default=0', x.int_(0) + ', ' + x.int_(0) + ', ' + x.int_(0), x.str_(0) + ', ' + x.str_(0), '[]', 'key=len'])})",
        lambda: f"sum({r.choice(['', items(), items() + ', 10', '[[1], [2]], []', '[0.1, 0.2, 0.3]', '[`a`, `b`], ``', '[1, 2], start=5', '[True, True, 2]', '(1.5, 2)'])})",
        lambda: f"{r.choice(['any', 'all'])}({r.choice(['', items(), '[[], ()]', '[0, 1]'])})",
        lambda: f"divmod({r.choice([x.int_(0), x.float_(0)])}, {r.choice([x.int_(0), x.float_(0)])})",
        lambda: f"divmod({x.int_(0)})",
        lambda: f"round({r.choice(['', x.float_(0), x.int_(0), x.float_(0) + ', ' + r.choice(['0', '1', '2', '-1', 'None']), x.int_(0) + ', ' + r.choice(['-1', '1', 'None']), 'True', 'number=2.5', x.float_(0) + ', ndigits=1'])})",
        lambda: f"abs({r.choice(['', x.int_(0), x.float_(0), 'True', x.str_(0)])})",
        lambda: f"len({r.choice(['', items(), x.int_(0), items() + ', ' + items()])})",
        lambda: f"sorted({r.choice(['', items(), items() + ', reverse=True', '[3, 1.5, True]', '[`b`, `A`, `a`]', '[[2, 1], [1, 3], [1]]', '[(1, `b`), (1, `a`)]', '[1, `a`]'])})",
        lambda: f"list(reversed({r.choice([x.list_int(0), x.tuple_int(0), x.str_(0), 'range(' + x.small(0, 5) + ')', x.dict_si(0)])}))",
        lambda: f"{r.choice(['list', 'tuple', 'set', 'dict', 'str', 'int', 'float', 'bool'])}()",
        lambda: f"{r.choice(['list', 'tuple'])}({r.choice([items(), items() + ', ' + items()])})",
        lambda: f"isinstance({x.any_(0)}{r.choice(['', ', int', ', (int, str)', ', ()', ', bool'])})",
        lambda: f"{r.choice(['int', 'float', 'bool', 'str'])}({x.any_(0)})",
        lambda: f"pow({x.int_(0)}, {r.choice(['2', '3', '-1', '0', '10'])}{r.choice(['', ', 7', ', 1'])})",
        lambda: f"{r.choice(['chr', 'ord', 'hex', 'bin', 'oct'])}({r.choice(['65', '`a`', '255', '-3', '`ab`'])})",
        lambda: f"{r.choice(['len', 'sum', 'min', 'max', 'sorted'])}({x.list_int(1)}{r.choice(['', ', 1, 2'])})",
    ])()


def fam_builtins(p):
    x = Expr(p)
    straight(p, [lambda: x.list_int(1), lambda: x.str_(0), lambda: x.int_(0)], p.rng.randint(0, 2))
    straight(p, [lambda: builtin_call(p, x)], p.rng.randint(2, 5))


def fam_functions(p):
    r = p.rng
    x = Expr(p)
    body = r.choice([
        ("def f(a, b=2, *args, c=3, **kwargs):\n    return (a, b, args, c, kwargs)", ["1", "1, 5", "1, 2, 3, 4", "1, c=9", "1, d=4", "a=7", "1, 2, 3, c=0, z=1", "*[1, 2], **{'c': 5}", "", "1, b=2, a=3", "1, **{'b': 4, 'e': 5}"]),
        ("def f(*args, **kwargs):\n    padding = kwargs.pop('padding', 'valid')\n    stride = kwargs.get('stride', 1)\n    return padding, stride, sorted(kwargs), args",
         ["", "padding='same'", "padding='same', stride=2", "1, 2, stride=3, bias=False", "**{'padding': 0, 'k': 1}", "*(1,), groups=2"]),
        ("def f(**kwargs):\n    kwargs.pop('stride', None)\n    kwargs.setdefault('bias', True)\n    return g(**kwargs)\ndef g(a=0, bias=False, **rest):\n    return a, bias, rest",
         ["", "stride=2", "a=1, stride=3", "a=2, bias=0, x=1", "bias=None"]),
        ("def f(n, acc=[]):\n    acc.append(n)\n    return len(acc)", ["1", "2", "3", "acc=[]", "0, []"]),
        ("def f(x):\n    if x > 2:\n        return x * 2\n    elif x < 0:\n        return -x\n    return None", ["3", "-4", "0", "2", "2.5", "True"]),
        ("def f(a, /, b, *, c):\n    return a - b * c", ["1, 2, c=3", "1, b=2, c=3", "a=1, b=2, c=3", "1, 2, 3", "5, 1, c=-1"]),
        ("def f(n):\n    return 1 if n <= 1 else n * f(n - 1)", ["5", "0", "10", "20", "25", "-1"]),
        ("def f(xs, key=None):\n    out = []\n    for v in xs:\n        k = key(v) if key else v\n        if k not in out:\n            out.append(k)\n    return out", ["[1, 2, 1, 3]", "'abca'", "[1, -1, 2], key=abs", "[], key=len", "['a', 'B', 'b'], key=str.lower"]),
        ("def make(k):\n    def add(v):\n        return v + k\n    return add\ndef f(v, k=1):\n    return make(k)(v)", ["1", "2, 3", "'a', 'b'", "[1], [2]", "1.5, 2"]),
        ("def f(*dims):\n    total = 1\n    for d in dims:\n        total *= d\n    return total, len(dims)", ["", "2, 3, 4", "*range(1, 6)", "*[2] * 60", "-1, 5"]),
        ("def f(cfg, **overrides):\n    merged = {**cfg, **overrides}\n    merged.pop('name', None)\n    return merged", ["{'a': 1, 'name': 'x'}", "{'a': 1}, a=2, b=3", "{}, name='y'", "dict(k=1), **{'k': 2}"]),
        ("def g(x, padding=0, **rest):\n    return x, padding, rest\ndef f(x, **kwargs):\n    stride = kwargs.pop('stride', 1)\n    if stride > 1:\n        kwargs.pop('padding', None)\n    return g(x, padding=stride, **kwargs)",
         ["1", "1, stride=2, padding='same'", "1, padding='same'", "1, stride=2", "1, **{'stride': 3, 'bias': 0}", "x=1, padding=2"]),
        ("def f(a, b):\n    a, b = b, a % b if b else 0\n    return a, b", ["7, 3", "-7, 3", "7, -3", "0, 0", "10, 4"]),
        ("counter = 0\ndef f(step=1):\n    global counter\n    counter += step\n    return counter", ["", "2", "-5", "step=10"]),
        ("def f(items, *, reverse=False, limit=None):\n    out = sorted(items, reverse=reverse)\n    return out[:limit]", ["[3, 1, 2]", "[3, 1, 2], reverse=True", "'cab', limit=2", "[3, 1, 2], limit=-1, reverse=True", "[], reverse=1"]),
        ("f = lambda *a, **k: (len(a), sorted(k.items()))", ["", "1, 2", "x=1, y=2", "*'abc', **{'z': 0}"]),
        ("def f(a, b=None):\n    b = b or []\n    b.append(a)\n    return b", ["1", "1, [2]", "0, []", "'x', None"]),
        ("def f(x):\n    try:\n        return [1, 2, 3][x]\n    except IndexError:\n        return -1", ["0", "2", "-1", "-4"]),
        ("def f(n):\n    def inner():\n        nonlocal n\n        n += 1\n        return n\n    inner()\n    return inner() + n", ["0", "5", "-2"]),
    ])
    defs, calls = body
    p.add(lambda: defs.split("\n"), keep_raising=0)
    for _ in range(r.randint(2, 5)):
        if p.ended:
            return
        p.add(lambda: f"{p.fresh()} = f({r.choice(calls)})", keep_raising=0.15)
    straight(p, [lambda: x.any_(1)], r.randint(0, 1))


def fam_control(p):
    r = p.rng
    x = Expr(p)
    acc, i = p.fresh(), p.fresh()
    n = r.choice(["3", "7", "10", "100", "2500", "0", "-2"])
    blocks = [
        [f"{acc} = 0", f"for {i} in range({n}):", f"    {acc} += {i} {r.choice(['*', '%', '+', '//'])} {r.choice(['2', '3', '7'])}"],
        [f"{acc} = []", f"for {i} in range({n}):", f"    if {i} % {r.choice(['2', '3'])} == 0:", "        continue", f"    if {i} > {r.choice(['5', '8', '50'])}:", "        break",
         f"    {acc}.append({i})", "else:", f"    {acc}.append(-1)"],
        [f"{acc}, {i} = 1, 0", f"while {acc} < {r.choice(['100', '10 ** 6', '2 ** 40', '1'])}:", f"    {acc} *= {r.choice(['2', '3', '7'])}", f"    {i} += 1"],
        [f"{acc} = {x.list_int(1)}", f"{i} = 0", f"while {acc}:", f"    {i} += {acc}.pop()", f"    if {i} > {r.choice(['5', '50', '0'])}:", "        break"],
        [f"{acc} = {{}}", f"for {i} in {r.choice([x.str_(0), x.list_str(0), x.list_int(1)])}:", f"    {acc}[{i}] = {acc}.get({i}, 0) + 1"],
        [f"{acc} = 0", f"for {i} in range({n}):", f"    for j in range({r.choice(['3', '0', '2'])}):", f"        if j == {r.choice(['1', '2'])}:", "            break",
         f"        {acc} += j", "    else:", f"        {acc} -= 1"],
        [f"{acc} = {x.int_(1)}", f"if {acc} > {x.int_(0)}:", f"    {i} = 'big'", f"elif {acc} == 0:", f"    {i} = 'zero'", "else:", f"    {i} = {x.str_(0)}"],
        [f"{acc} = [{x.int_(0)}, {x.int_(0)}]", "try:", f"    {i} = {acc}[{x.index()}] // {x.int_(0)}", "except ZeroDivisionError:", f"    {i} = 'zero'", "except IndexError:", f"    {i} = 'index'"],
        [f"{acc} = 0", f"{i} = {r.choice(['10', '0', '3'])}", f"while {i}:", f"    {i} -= 1", f"    if {i} == 4:", "        continue", f"    {acc} += {i}", "else:", f"    {acc} = -{acc}"],
        [f"{acc} = [{x.list_int(0)}, {x.list_int(0)}]", f"for {i} in {acc}:", f"    {i}.append(len({i}))"],
        [f"{acc} = {r.choice(['(n := 5) * 2', '[y := 3, y ** 2]'])}"],
    ]
    p.add(lambda: r.choice(blocks))
    straight(p, [lambda: x.any_(1), lambda: x.int_(2)], r.randint(0, 2))
    if not p.ended:
        p.add(lambda: r.choice(blocks))


def fam_bigints(p):
    r = p.rng
    x = Expr(p)
    big = lambda: r.choice(["2 ** 53", "2 ** 53 + 1", "2 ** 63 - 1", "2 ** 64", "10 ** 18", "3 ** 40", "-(2 ** 62)", "9007199254740993", "123456789 * 987654321",  # noqa: E731
                            "(1 << 62) + 1", "2 ** 53 - 1", "18446744073709551615", "7 ** 19", "1 << 53", "2 ** 52 + 0.5", "2.0 ** 60"])
    straight(p, [big, lambda: f"{big()} {r.choice(['+', '-', '*', '//', '%', '&', '|', '>>'])} {r.choice([x.int_(0), big()])}",
                 lambda: f"{r.choice(['float', 'int', 'str', 'abs', 'round', 'bool', 'len'])}({big()})",
                 lambda: f"{big()} {r.choice(['==', '<', '>'])} {big()}",
                 lambda: f"{big()} / {r.choice(['3', '2', '7'])}",
                 lambda: f"sum([{big()}, {x.int_(0)}])", lambda: f"math.prod([{big()}, 3])",
                 lambda: f"{x.int_(0)} * {r.choice(['2 ** 50', '10 ** 15', '4503599627370497'])}",
                 lambda: "[2 ** i for i in range(50, 66, 5)]"], r.randint(2, 5))
    p.source()


def fam_iterators(p):
    """range objects, one-pass iterators (zip, map, filter, enumerate, reversed, generators), iter/next."""
    r = p.rng
    x = Expr(p)
    rng = lambda: f"range({', '.join(r.choice(['0', '1', '3', '5', '10', '-3', '-1', '2', '-2', '7']) for _ in range(r.randint(1, 3)))})"  # noqa: E731
    if r.random() < 0.1:
        # A range too long to spell out: len, indexing and `in` still work.
        big = p.fresh()
        p.add(lambda: [f"{big} = range(-5, 10 ** 9, 3)", f"{p.fresh()} = len({big})", f"{p.fresh()} = {big}[{x.index()}]",
                       f"{p.fresh()} = {r.choice(['1', '4', '-5', '10 ** 9 - 2'])} in {big}", f"{p.fresh()} = {big}[:{x.small(0, 4)}] == range(-5, 7, 3)"], keep_raising=0)
    it = lambda: r.choice([f"zip({x.list_int(0)}, {x.str_(0)})", f"map(abs, {x.list_int(0)})", f"filter(None, {x.list_int(0)})",  # noqa: E731
                           f"enumerate({x.list_str(0)})", f"reversed({x.list_int(0)})", f"(t * 2 for t in {x.list_int(0)})", f"iter({x.list_int(0)})",
                           f"map(int, {x.str_(0)}.split(','))", f"iter({rng()})"])
    straight(p, [rng, it, lambda: x.list_int(1)], r.randint(1, 3))
    for _ in range(r.randint(2, 5)):
        if p.ended:
            return
        v = p.var("other") or p.var("list_int")
        p.add(lambda: f"{p.fresh()} = " + r.choice([
            lambda: f"list({v})", lambda: f"list({v})", lambda: f"len({v})", lambda: f"{v}[{x.r.choice([x.index(), x.slice_()])}]",
            lambda: f"next({v}{r.choice(['', ', -1'])})", lambda: f"{x.int_(0)} in {v}", lambda: f"{v} == {r.choice([rng(), x.tuple_int(0), x.list_int(0)])}",
            lambda: f"sum({v})", lambda: f"sorted({v})", lambda: f"tuple({v})", lambda: f"isinstance({v}, {r.choice(['range', 'list', 'tuple'])})",
            lambda: f"bool({v})", lambda: f"list(zip({v}, {v}))", lambda: f"[a for a in {v}]", lambda: f"{rng()}[{x.r.choice([x.index(), x.slice_()])}]",
            lambda: f"list({rng()}[{x.slice_()}])", lambda: f"max({v}, default=None)", lambda: f"','.join(str(t) for t in {v})",
            lambda: f"dict(enumerate({v}))", lambda: f"{v} + {x.tuple_int(0)}",
        ])())


def unknown_int(x):
    """An int CPython knows and the interpreter does not (the value of an f-string)."""
    return x.r.choice(['int(f"{3}")', 'len(f"{12}")', 'int(f"{-1}")', 'len(f"{0}ab")', 'int(f"{0}")'])


def fam_unknowns(p):
    """Loops and branches driven by values the interpreter cannot know: what they change must be
    unknown afterwards, never a value from a path CPython did not take."""
    r = p.rng
    x = Expr(p)
    straight(p, [lambda: x.list_int(0), lambda: x.dict_si(0), lambda: x.int_(0), lambda: unknown_int(x)], r.randint(2, 3))
    for _ in range(r.randint(1, 3)):
        if p.ended:
            return
        lst = p.var("list_int", "list") or "[]"
        d = p.var("dict_si", "dict") or "{}"
        acc = p.var("int") or "0"
        n = unknown_int(x)
        i = p.fresh()
        p.add(lambda: r.choice([
            [f"for {i} in range({n}):", f"    {lst}.append({i})"],
            [f"for {i} in range({n}):", f"    {acc} += {i}"],
            [f"for {i} in range({n}):", f"    {d}[str({i})] = {i}"],
            [f"{i} = 0", f"while {i} < {n}:", f"    {lst}.append({i})", f"    {i} += 1"],
            [f"if {n} > 1:", f"    {lst}.append(7)", "else:", f"    {lst}.append(8)"],
            [f"if {n} > 1:", f"    {lst}.append(7)"],
            [f"if {n}:", f"    {d}.pop({x.str_(0)}, None)", "else:", f"    {d}['q'] = 1"],
            [f"if {n} == 3:", f"    {acc} = 1", "else:", f"    {acc} = 2"],
            [f"if {n} > 0:", f"    {lst}.sort()", "else:", f"    {lst}.reverse()"],
            [f"for {i} in range({n}):", f"    if {i} == 2:", "        break", f"    {lst}.insert(0, {i})"],
            [f"{lst}.extend(range({n}))"],
            [f"{i} = [t for t in range({n})]"],
            [f"{i} = {x.list_int(0)} * {n}"],
            [f"{i} = {lst}[{n}]"],
            [f"{i}, *rest = range({n})"],
        ]))
    straight(p, [lambda: f"len({p.var('list_int', 'list') or '[]'})", lambda: f"sorted({p.var('dict_si', 'dict') or '{}'})", lambda: x.any_(0)], r.randint(1, 2))


RAISING = ["1 / 0", "7 // 0", "2.5 % 0", "'a' + 1", "[1] + (2,)", "None + 1", "'x' * 'y'", "{1} - [1]", "int('x')", "[1][3]", "{}['k']",
            "raise ValueError('bad')", "raise KeyError", "raise TypeError()", "assert v0 > 100", "p, q = [1, 2, 3]", "p, q = 'a'", "v0 + 1", "len(5)"]
CLAUSES = ["TypeError", "ValueError", "ZeroDivisionError", "ArithmeticError", "LookupError", "KeyError", "IndexError", "AssertionError",
           "Exception", "(TypeError, ValueError)", "(KeyError, ZeroDivisionError)"]


def fam_exceptions(p):
    """try/except/else/finally around statements that raise (or may not): the clause CPython picks."""
    r = p.rng
    x = Expr(p)
    p.add(lambda: ["import math", f"v0 = {x.int_(0)}"], keep_raising=0)
    p.n = max(p.n, 1)
    for _ in range(r.randint(1, 3)):
        if p.ended:
            return
        res = p.fresh()
        body = r.choice(RAISING) if r.random() < 0.8 else f"{res} = {x.int_(1)}"
        stmt = body if body.startswith(("raise", "assert")) or "=" in body.split("(")[0] else f"{res} = {body}"
        clauses = r.sample(CLAUSES, r.randint(1, 3))
        lines = ["try:", f"    {stmt}", f"    {res} = 'body'"]
        for i, c in enumerate(clauses):
            lines += [f"except {c}:" if r.random() < 0.9 or i < len(clauses) - 1 else "except:", f"    {res} = {json.dumps(c)}"]
        if r.random() < 0.3:
            lines += ["else:", f"    {res} = 'else'"]
        if r.random() < 0.3:
            lines += ["finally:", f"    v0 = v0 + 1"]
        if r.random() < 0.4:
            # the same inside a function, where the exception may leave the call
            lines = ["def f(v0):"] + ["    " + ln for ln in lines] + [f"    return {res}"] + [f"{res} = f({x.int_(0)})"]
        p.add(lambda: lines)


def fam_libm(p):
    """Float **, exp and logarithms on random operands: the C library's correctly rounded results."""
    r = p.rng
    p.add(lambda: "import math", keep_raising=0)
    num = lambda: repr(r.choice([r.uniform(0, 3), r.uniform(0, 100), r.uniform(-20, 20), 10 ** r.uniform(-8, 8), float(r.randint(1, 64)), r.uniform(0.9, 1.1)]))  # noqa: E731
    exponent = lambda: r.choice([repr(r.uniform(-4, 4)), repr(r.uniform(-40, 40)), str(r.randint(-9, 9)), repr(r.randint(-9, 9) / 2), "1 / 3", "-0.5", "0.25"])  # noqa: E731
    straight(p, [lambda: f"{num()} ** {exponent()}", lambda: f"math.exp({num()})", lambda: f"math.log({num()})", lambda: f"math.log2({num()})",
                 lambda: f"math.log10({num()})", lambda: f"math.log({num()}, {r.choice(['2', '10', '3.5', num()])})", lambda: f"math.pow({num()}, {exponent()})",
                 lambda: f"{r.randint(2, 20)} ** {exponent()}", lambda: f"math.exp(-{num()} / {r.randint(1, 9)})"], r.randint(3, 6))


def fam_generators(p):
    """Generator functions (yield, yield from): their body runs only when iterated, item by item,
    so what it reads is read then; consumed by for, next, list, zip, unpacking, sum and `in`."""
    r = p.rng
    x = Expr(p)
    defs = r.choice([
        "def g(xs):\n    for v in xs:\n        yield v * 2",
        "def g(n):\n    for i in range(n):\n        yield i, i * i",
        "def g(xs):\n    yield len(xs)\n    yield from xs\n    yield -1",
        "def g(n):\n    i = 0\n    while i < n:\n        yield i\n        i += 2",
        "def g(xs):\n    for v in xs:\n        if v % 2:\n            yield v\n    return 7",
        "def g(xs):\n    total = 0\n    for v in xs:\n        total += v\n        yield total",
        "state = [0]\ndef g(n):\n    for i in range(n):\n        yield state[0] + i",
        "scale = 3\ndef g(xs):\n    for v in xs:\n        yield v * scale",
        "log = []\ndef g(xs):\n    for v in xs:\n        log.append(v)\n        yield v",
        "def g(xs):\n    yield from (v + 1 for v in xs)\n    yield from [0, 0]",
        "def g(n):\n    yield n\n    if n > 2:\n        return\n    yield n + 1",
        "def g(xs):\n    got = yield len(xs)\n    yield got",
    ])
    arg = lambda: r.choice(["3", "0", "5", "2", unknown_int(x), x.list_int(0), "[1, 2, 3]", "[]", "[4, 5]", "range(4)"])  # noqa: E731
    p.add(lambda: defs.split("\n"), keep_raising=0)
    for _ in range(r.randint(2, 6)):
        if p.ended:
            return
        it, out = p.fresh(), p.fresh()
        a = arg()
        p.add(lambda: r.choice([
            [f"{out} = list(g({a}))"],
            [f"{it} = g({a})", f"{out} = next({it}{r.choice(['', ', None'])})"],
            [f"{it} = g({a})", f"{out} = [next({it}, None), next({it}, None), list({it})]"],
            [f"{out} = []", f"for v in g({a}):", f"    {out}.append(v)"],
            [f"{out} = sum(g({a}))"],
            [f"{out} = list(zip(g({a}), g({a})))"],
            [f"{out}, {it} = g({a})"],
            [f"{out}, *{it} = g({a})"],
            [f"{out} = {x.int_(0)} in g({a})"],
            [f"{it} = g({a})", f"{out} = [v for v in {it}] + list({it})"],
            [f"{out} = dict(enumerate(g({a})))"],
            # The consumer changes what the body reads between items.
            [f"{out} = []", f"for v in g({a}):", f"    {out}.append(v)", "    state[0] += 10" if "state" in defs else "    scale = 5" if "scale" in defs else f"    {out}.append(0)"],
            [f"{it} = g({a})", f"{out} = next({it}, None)", "state[0] = 100" if "state" in defs else "scale = -1" if "scale" in defs else "pass", f"{p.fresh()} = list({it})"],
            # Created, then what it reads changes before it runs.
            [f"{it} = g({a})", "state.append(1)" if "state" in defs else "scale = 7" if "scale" in defs else "pass", f"{out} = list({it})"],
            [f"{it} = g({a})", f"{out} = {'len(log)' if 'log' in defs else 'None'}"],
        ]), keep_raising=0.15)


FAMILIES = [
    ("ints", fam_ints, 450),
    ("floats", fam_floats, 350),
    ("bools", fam_bools, 250),
    ("strings", fam_strings, 400),
    ("lists", fam_lists, 450),
    ("dicts", fam_dicts, 400),
    ("sets", fam_sets, 200),
    ("comprehensions", fam_comprehensions, 300),
    ("builtins", fam_builtins, 400),
    ("functions", fam_functions, 400),
    ("control", fam_control, 200),
    ("bigints", fam_bigints, 150),
    ("iterators", fam_iterators, 300),
    ("unknowns", fam_unknowns, 300),
    ("exceptions", fam_exceptions, 250),
    ("libm", fam_libm, 300),
    ("generators", fam_generators, 300),
]


def generate(family, make, count):
    programs = []
    for i in range(count):
        p = Program(random.Random(f"{SEED}:{family}:{i}"), 12)
        if family == "bigints":
            p.add(lambda: "import math", keep_raising=0)
        make(p)
        if not p.lines:
            continue
        src = p.source()
        env, raised = run(src)
        programs.append({"id": f"{family}-{i:04d}", "src": src, "raised": raised, "values": snapshot(env)})
    return programs


def main():
    # Set iteration order of strings depends on hash randomisation: fix it so a run is repeatable.
    if os.environ.get("PYTHONHASHSEED") != "0":
        sys.exit(subprocess.call([sys.executable, *sys.argv], env={**os.environ, "PYTHONHASHSEED": "0"}))
    sys.setrecursionlimit(200)
    # A generated program that allocates without bound fails (and is dropped) instead of the machine.
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
    warnings.filterwarnings("ignore")
    os.makedirs(OUT, exist_ok=True)
    total = 0
    for family, make, count in FAMILIES:
        programs = generate(family, make, count)
        total += len(programs)
        with open(os.path.join(OUT, f"{family}.json"), "w") as fh:
            fh.write('{"generator": "test/pysemantics/generate_programs.py", "seed": %d, "family": %s, "programs": [\n'
                     % (SEED, json.dumps(family)))
            fh.write(",\n".join(json.dumps(prog, ensure_ascii=False, sort_keys=True) for prog in programs))
            fh.write("\n]}\n")
        print(f"{family}: {len(programs)} programs")
    print(f"total: {total} programs")


if __name__ == "__main__":
    main()
