// The workspace files analysed code may read (engine/interp/dataFiles.ts): YAML configs such as
// yolov5's models/yolov5s.yaml, found from the reading file's folder or a workspace root, never
// outside the roots; parsed as PyYAML's safe_load would (YAML 1.1, ints apart from floats).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Scalar, parseDocument, visit } from 'yaml';
import type { DataFiles } from '../engine/interp/dataFiles';
import type { ModuleIR } from '../engine/interp/ir';

/** Files read: configs, not data sets. */
const READABLE = /\.(ya?ml)$/i;
const MAX_BYTES = 512 * 1024;

/**
 * `file` is the file analysed (code whose module has no known path reads from its folder);
 * `pathOf` gives an imported module's file.
 */
export function workspaceDataFiles(file: string, roots: readonly string[], pathOf: (ir: ModuleIR) => string | undefined): DataFiles {
  const real = (p: string): string => {
    try {
      return fs.realpathSync(p);
    } catch {
      return p;
    }
  };
  const realRoots = roots.map(real);
  const inside = (p: string): boolean => realRoots.some((r) => {
    const rel = path.relative(r, p);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  });
  return {
    read(name: string, from: ModuleIR | undefined): string | undefined {
      if (!READABLE.test(name) || name.includes('\0')) return undefined;
      const base = (from && pathOf(from)) ?? file;
      const candidates = path.isAbsolute(name) ? [name] : [path.dirname(base), ...roots].map((d) => path.resolve(d, name));
      for (const c of candidates) {
        try {
          const at = fs.realpathSync(c);
          if (!inside(at)) continue;
          const st = fs.statSync(at);
          if (!st.isFile() || st.size > MAX_BYTES) continue;
          return fs.readFileSync(at, 'utf8');
        } catch {
          continue;
        }
      }
      return undefined;
    },
    parseYaml,
  };
}

/** PyYAML's implicit float (yaml/resolver.py, Resolver float resolver): an exponent needs a dot and a sign. */
const PYYAML_FLOAT = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/**
 * YAML as PyYAML's safe_load reads it: 1.1 booleans and floats, `<<` merges, the last of
 * duplicate keys. A document the library only warns about (an unknown tag safe_load refuses) is
 * not read either.
 */
export function parseYaml(text: string): unknown {
  try {
    const doc = parseDocument(text, { version: '1.1', intAsBigInt: true, merge: true, uniqueKeys: false });
    if (doc.errors.length > 0 || doc.warnings.length > 0) return undefined;
    // A plain scalar the library reads as a float that PyYAML's resolver leaves a string (`1e3`).
    visit(doc, {
      Scalar(_key, node) {
        if (typeof node.value === 'number' && node.type === Scalar.PLAIN && typeof node.source === 'string' && !PYYAML_FLOAT.test(node.source)) node.value = node.source;
      },
    });
    return doc.toJS({ mapAsMap: true, maxAliasCount: 1000 });
  } catch {
    return undefined;
  }
}
