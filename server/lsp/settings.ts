// The `shapeHints.*` settings as the server uses them: defaults, validation of what the client
// sends (anything malformed falls back to the default), and a per-resource cache that is pulled
// with workspace/configuration and dropped on didChangeConfiguration.

export interface ShapeHintsSettings {
  readonly inlayHints: { readonly enabled: boolean; readonly position: 'afterName' | 'endOfLine'; readonly hideUnchanged: boolean };
  readonly diagnostics: { readonly enabled: boolean };
  readonly forwardPass: { readonly memoryBudgetMB: number; readonly symbolicDimSize: number };
  readonly extraPaths: readonly string[];
}

export const DEFAULT_SETTINGS: ShapeHintsSettings = {
  inlayHints: { enabled: true, position: 'afterName', hideUnchanged: false },
  diagnostics: { enabled: true },
  forwardPass: { memoryBudgetMB: 512, symbolicDimSize: 2 },
  extraPaths: [],
};

type Json = Record<string, unknown>;

function section(v: unknown, key: string): Json {
  const s = v !== null && typeof v === 'object' ? (v as Json)[key] : undefined;
  return s !== null && typeof s === 'object' ? (s as Json) : {};
}

function bool(v: unknown, dflt: boolean): boolean {
  return typeof v === 'boolean' ? v : dflt;
}

function positiveNumber(v: unknown, dflt: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : dflt;
}

/**
 * Settings from the `shapeHints` section as VS Code returns it (nested objects). Flat dotted
 * keys (`"inlayHints.enabled": false`), which some clients send, are accepted too.
 */
export function parseSettings(raw: unknown): ShapeHintsSettings {
  const flat: Json = raw !== null && typeof raw === 'object' ? (raw as Json) : {};
  const get = (group: string, key: string): unknown => section(flat, group)[key] ?? flat[`${group}.${key}`];
  const d = DEFAULT_SETTINGS;
  const position = get('inlayHints', 'position');
  const extraPaths = flat.extraPaths;
  return {
    inlayHints: {
      enabled: bool(get('inlayHints', 'enabled'), d.inlayHints.enabled),
      position: position === 'endOfLine' || position === 'afterName' ? position : d.inlayHints.position,
      hideUnchanged: bool(get('inlayHints', 'hideUnchanged'), d.inlayHints.hideUnchanged),
    },
    diagnostics: { enabled: bool(get('diagnostics', 'enabled'), d.diagnostics.enabled) },
    forwardPass: {
      memoryBudgetMB: positiveNumber(get('forwardPass', 'memoryBudgetMB'), d.forwardPass.memoryBudgetMB),
      symbolicDimSize: positiveNumber(get('forwardPass', 'symbolicDimSize'), d.forwardPass.symbolicDimSize),
    },
    extraPaths: Array.isArray(extraPaths) ? extraPaths.filter((p): p is string => typeof p === 'string') : d.extraPaths,
  };
}

/**
 * Settings per resource. `pull` asks the client (workspace/configuration); without that
 * capability the last pushed settings (didChangeConfiguration) apply to every resource.
 */
export class SettingsCache {
  private readonly byResource = new Map<string, Promise<ShapeHintsSettings>>();
  private pushed: ShapeHintsSettings = DEFAULT_SETTINGS;

  constructor(private readonly pull: ((resource: string) => Promise<unknown>) | undefined) {}

  get(resource: string): Promise<ShapeHintsSettings> {
    if (!this.pull) return Promise.resolve(this.pushed);
    let s = this.byResource.get(resource);
    if (!s) {
      s = this.pull(resource).then(parseSettings, () => DEFAULT_SETTINGS);
      this.byResource.set(resource, s);
    }
    return s;
  }

  /** didChangeConfiguration: forget everything; `settings` is what the client pushed, if anything. */
  changed(settings: unknown): void {
    this.byResource.clear();
    const section = settings !== null && typeof settings === 'object' ? (settings as Json).shapeHints : undefined;
    if (section !== undefined) this.pushed = parseSettings(section);
  }

  forget(resource: string): void {
    this.byResource.delete(resource);
  }
}
