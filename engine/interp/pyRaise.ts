// A Python exception propagating through the abstract run: an op failure (with PyTorch's error),
// a `raise`, or a builtin exception the interpreter knows CPython raises (`{}['k']` is a KeyError).
import type { OpError } from '../ops/op';

export class PyRaise {
  /** `pyType`: the builtin exception raised, when known (`TypeError`...), for choosing its `except`. */
  constructor(readonly error: OpError | undefined, readonly pyType?: string) {}
}

/** Raise a builtin exception, as CPython certainly would here. */
export function raise(pyType: string): never {
  throw new PyRaise(undefined, pyType);
}
