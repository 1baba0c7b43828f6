// Modules the interpreter knows without reading a file: the framework APIs (torch...) and the
// standard library. A framework adds itself here with one provider; the interpreter only asks
// "what is module `name`?".
import type { Value } from '../value';
import { PyModuleObj, obj, refOf } from './objects';
import { stdlibModules } from './stdlib';
import { einopsModule } from './einopsApi';
import { fluxModule } from './fluxApi';
import { tfjsModule } from './tfjsApi';
import { kerasPyModule } from './kerasPyApi';
import { numpyModule } from './numpyApi';
import { torchvisionDataModule } from './torchvisionData';

/** Returns the module value for an absolute import name, or undefined when it is not known here. */
export type ModuleProvider = (name: string) => Value | undefined;

const providers: ModuleProvider[] = [
  // torch's attributes come from the op registry (torchApi.ts), never from torch's sources.
  (name) => (name === 'torch' || name.startsWith('torch.') ? obj(new PyModuleObj(name)) : undefined),
  // numpy arrays have shapes (numpyApi.ts), beside the size helpers of the stdlib module.
  (name) => (name === 'numpy' ? numpyModule(refOf(stdlibModules().get('numpy')!, PyModuleObj)?.attrs) : undefined),
  (name) => stdlibModules().get(name),
  // torchvision's datasets and transforms (torchvisionData.ts); its models are read from its sources.
  torchvisionDataModule,
  einopsModule,
  fluxModule,
  tfjsModule,
  kerasPyModule,
];

export function knownModule(name: string): Value | undefined {
  for (const p of providers) {
    const v = p(name);
    if (v) return v;
  }
  return undefined;
}

export function registerModuleProvider(provider: ModuleProvider): void {
  providers.push(provider);
}
