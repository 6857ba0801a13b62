// The Python extension's active interpreter, when ms-python.python is installed (its public
// `environments` API); nothing else of that extension is used.
import * as vscode from "vscode";

interface PythonEnvironmentsApi {
  environments: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { path: string };
    resolveEnvironment(
      env: { path: string } | string,
    ): Promise<{ executable: { uri?: vscode.Uri } } | undefined>;
    onDidChangeActiveEnvironmentPath: vscode.Event<unknown>;
  };
}

async function api(): Promise<PythonEnvironmentsApi | undefined> {
  const ext = vscode.extensions.getExtension<PythonEnvironmentsApi>("ms-python.python");
  if (!ext) return undefined;
  const exported = ext.isActive ? ext.exports : await ext.activate();
  return exported?.environments ? exported : undefined;
}

export async function pythonExtensionInterpreter(
  resource: vscode.Uri | undefined,
  log: vscode.LogOutputChannel,
): Promise<string | undefined> {
  try {
    const python = await api();
    if (!python) return undefined;
    const active = python.environments.getActiveEnvironmentPath(resource);
    const resolved = await python.environments.resolveEnvironment(active);
    return resolved?.executable.uri?.fsPath;
  } catch (err) {
    log.warn(`could not read the Python extension's interpreter: ${String(err)}`);
    return undefined;
  }
}

export function onPythonInterpreterChange(listener: () => void): vscode.Disposable {
  let sub: vscode.Disposable | undefined;
  let disposed = false;
  void api().then((python) => {
    if (python && !disposed) sub = python.environments.onDidChangeActiveEnvironmentPath(listener);
  }, () => undefined);
  return new vscode.Disposable(() => {
    disposed = true;
    sub?.dispose();
  });
}
