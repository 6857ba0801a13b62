// Settings -> initializationOptions. Pure (no vscode import) so the mapping is unit-tested.
// Each server setting names the option path the server reads; the server's areas own the keys:
// ai/settings.py (snake_case), gitops/settings.py and observe/ (camelCase), graph.

export interface ServerSetting {
  /** Key under `intheflow.` in VS Code's settings. */
  readonly key: string;
  /** Path of the value inside initializationOptions. */
  readonly option: readonly string[];
}

export const SERVER_SETTINGS: readonly ServerSetting[] = [
  { key: "graph.url", option: ["graph", "url"] },
  { key: "ai.provider", option: ["ai", "provider"] },
  { key: "ai.modelPath", option: ["ai", "model_path"] },
  { key: "ai.remote.baseUrl", option: ["ai", "remote", "base_url"] },
  { key: "ai.remote.model", option: ["ai", "remote", "model"] },
  { key: "ai.remote.apiKeyEnv", option: ["ai", "remote", "api_key_env"] },
  { key: "ai.inline.enabled", option: ["ai", "inline", "enabled"] },
  { key: "ai.rag.enabled", option: ["ai", "rag", "enabled"] },
  { key: "gitops.argo.url", option: ["gitops", "argo", "url"] },
  { key: "gitops.argo.namespace", option: ["gitops", "argo", "namespace"] },
  { key: "gitops.argocd.url", option: ["gitops", "argocd", "url"] },
  { key: "observe.prometheus.url", option: ["observe", "prometheus", "url"] },
  { key: "observe.signoz.url", option: ["observe", "signoz", "url"] },
  { key: "observe.signoz.apiKeyEnv", option: ["observe", "signoz", "apiKeyEnv"] },
  { key: "observe.otlpEndpoint", option: ["observe", "otlpEndpoint"] },
  { key: "observe.metricsPort", option: ["observe", "metricsPort"] },
];

/** Settings the extension itself uses; they never travel to the server. */
export const CLIENT_SETTINGS: readonly string[] = ["server.pythonPath", "trace.server", "diagnostics.enabled"];

export type JsonObject = { [key: string]: unknown };

/**
 * initializationOptions from a settings reader (`get(key)` returns the value or undefined).
 * Unset values are left out so the server's own defaults apply.
 */
export function toInitializationOptions(get: (key: string) => unknown): JsonObject {
  const out: JsonObject = {};
  for (const setting of SERVER_SETTINGS) {
    const value = get(setting.key);
    if (value === undefined || value === null) {
      continue;
    }
    let node = out;
    for (const part of setting.option.slice(0, -1)) {
      const next = node[part];
      node = (typeof next === "object" && next !== null ? next : (node[part] = {})) as JsonObject;
    }
    node[setting.option[setting.option.length - 1]] = value;
  }
  return out;
}

/** Whether a settings change means the server must restart (its options are fixed at start). */
export function needsRestart(affects: (section: string) => boolean): boolean {
  return (
    affects("intheflow.server") ||
    SERVER_SETTINGS.some((setting) => affects(`intheflow.${setting.key}`))
  );
}

/**
 * The interpreter to run the server with: the explicit setting, else the Python extension's active
 * interpreter, else `python3` from PATH.
 */
export function chooseInterpreter(
  setting: string | undefined,
  fromPythonExtension: string | undefined,
): { command: string; source: string } {
  if (setting && setting.trim()) {
    return { command: setting.trim(), source: "setting intheflow.server.pythonPath" };
  }
  if (fromPythonExtension) {
    return { command: fromPythonExtension, source: "Python extension's active interpreter" };
  }
  return { command: "python3", source: "PATH" };
}

export const SERVER_ARGS: readonly string[] = ["-m", "intheflow", "serve", "--stdio"];
