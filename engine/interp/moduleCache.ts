// Imported modules analysed once and shared by later analyses (other files of a folder run, the
// next edit in the editor): a module's value is reused while every import its top level resolved
// still resolves to the same lowered file. Keyed weakly by the module's IR, so a file that
// changed (a new IR) drops its entry with the old IR.
import type { Value } from '../value';
import type { ModuleIR } from './ir';

export type ImportResolver = (module: string, level: number, from?: ModuleIR) => ModuleIR | undefined;

/** One import resolved while a module ran: asked again, it must give the same IR. */
export interface Resolution {
  readonly module: string;
  readonly level: number;
  readonly from: ModuleIR | undefined;
  readonly ir: ModuleIR | undefined;
}

interface Entry {
  readonly value: Value;
  /** Every resolution the module's top level made, its imports' included, in order. */
  readonly resolutions: readonly Resolution[];
}

export class ModuleCache {
  private readonly entries = new WeakMap<ModuleIR, Entry>();
  hits = 0;
  misses = 0;

  /** The shared value of `ir`, if its imports still resolve as they did; replays them through `resolve`. */
  get(ir: ModuleIR, resolve: ImportResolver): Entry | undefined {
    const e = this.entries.get(ir);
    if (!e) {
      this.misses++;
      return undefined;
    }
    for (const r of e.resolutions) {
      if (resolve(r.module, r.level, r.from) !== r.ir) {
        this.entries.delete(ir);
        this.misses++;
        return undefined;
      }
    }
    this.hits++;
    return e;
  }

  set(ir: ModuleIR, value: Value, resolutions: readonly Resolution[]): void {
    this.entries.set(ir, { value, resolutions });
  }
}
