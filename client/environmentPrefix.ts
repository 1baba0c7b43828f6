// Where a Python environment lives, from the path the Python extension gives for it: the
// interpreter (`.venv/bin/python`, `env\Scripts\python.exe`) or the environment's folder.
import * as path from 'node:path';

/** The environment's folder (a virtualenv, a conda env, /usr) for its interpreter or folder path. */
export function environmentPrefix(p: string): string {
  if (!/^python(3(\.\d+)?)?(\.exe)?$/i.test(path.basename(p))) return p;
  const dir = path.dirname(p);
  return ['bin', 'Scripts'].includes(path.basename(dir)) ? path.dirname(dir) : dir;
}

