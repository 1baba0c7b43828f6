// The Python environment the Python extension (ms-python.python) has selected, asked of its API
// and never run: its folder is where imported libraries are read from (site-packages).
import * as vscode from 'vscode';
import { environmentPrefix } from './environmentPrefix';

interface PythonApi {
  environments?: { getActiveEnvironmentPath(resource?: vscode.Uri): { path: string } | undefined };
}

/** The selected environment's folder, or undefined without the Python extension (or if it fails). */
export async function selectedPythonEnvironment(): Promise<string | undefined> {
  const ext = vscode.extensions.getExtension<PythonApi>('ms-python.python');
  if (!ext) return undefined;
  try {
    const api = ext.isActive ? ext.exports : await ext.activate();
    const selected = api?.environments?.getActiveEnvironmentPath()?.path;
    return selected ? environmentPrefix(selected) : undefined;
  } catch {
    return undefined;
  }
}
