// Commands. They hold no logic: each asks the server (a request, a code action, the CLI's check)
// and shows what comes back.
import * as vscode from "vscode";
import type { ServerController } from "./client";
import { explainAt } from "./graph";

const TARGETS = ["Rust", "Java", "Go"] as const;
// Code-action kinds the server's providers use (transpile/actions.py, ai/actions.py).
export const TRANSPILE_KIND = "refactor.rewrite.transpile";
export const GENERATE_TESTS_KIND = "refactor.intheflow.generateTests";

/** Code actions the server offers at a range, optionally narrowed by kind and title. */
async function serverActions(
  uri: vscode.Uri,
  range: vscode.Range,
  kind: string,
  title: RegExp,
): Promise<vscode.CodeAction[]> {
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      "vscode.executeCodeActionProvider",
      uri,
      range,
      kind,
    )) ?? [];
  return actions.filter((a): a is vscode.CodeAction => "kind" in a || "edit" in a).filter((a) => title.test(a.title));
}

async function runAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) await vscode.workspace.applyEdit(action.edit);
  if (action.command) {
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  }
}

async function pickAndRun(actions: vscode.CodeAction[], none: string): Promise<void> {
  if (actions.length === 0) {
    void vscode.window.showInformationMessage(none);
    return;
  }
  const chosen =
    actions.length === 1
      ? actions[0]
      : (await vscode.window.showQuickPick(actions.map((a) => ({ label: a.title, action: a }))))?.action;
  if (chosen) await runAction(chosen);
}

async function transpileCobol(target?: string): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !/\.(cbl|cob|cpy)$/i.test(editor.document.fileName)) {
    void vscode.window.showWarningMessage("Open a COBOL file (.cbl, .cob) to transpile it.");
    return;
  }
  const language = target ?? (await vscode.window.showQuickPick([...TARGETS], { placeHolder: "Transpile to…" }));
  if (!language) return;
  const doc = editor.document;
  const whole = new vscode.Range(0, 0, doc.lineCount, 0);
  const actions = await serverActions(doc.uri, whole, TRANSPILE_KIND, new RegExp(`\\b${language}\\b`, "i"));
  await pickAndRun(actions, `The server offers no transpile to ${language} for this file.`);
}

async function generateTests(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const range = new vscode.Range(editor.selection.active, editor.selection.active);
  const actions = await serverActions(editor.document.uri, range, GENERATE_TESTS_KIND, /./);
  await pickAndRun(actions, "The server offers no test generation here (put the cursor in a function).");
}

function runChecks(python: () => Promise<string>): Promise<void> {
  return (async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
      void vscode.window.showWarningMessage("Open a folder to check it.");
      return;
    }
    const exec = new vscode.ProcessExecution(await python(), ["-m", "intheflow", "check", "."], {
      cwd: folder.uri.fsPath,
    });
    const task = new vscode.Task({ type: "intheflow", task: "check" }, folder, "check", "intheflow", exec, [
      "$intheflow",
    ]);
    await vscode.tasks.executeTask(task);
  })();
}

async function showRulesForSymbol(server: ServerController): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const client = await server.ready();
  const markdown = await explainAt(client, editor.document.uri.toString(), editor.selection.active);
  const doc = await vscode.workspace.openTextDocument({ language: "markdown", content: markdown });
  await vscode.commands.executeCommand("markdown.showPreviewToSide", doc.uri);
}

export function registerCommands(server: ServerController, python: () => Promise<string>): vscode.Disposable[] {
  const guarded =
    (fn: (...args: never[]) => Promise<void>) =>
    async (...args: never[]): Promise<void> => {
      try {
        await fn(...args);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        server.log.error(message);
        void vscode.window.showErrorMessage(`intheflow: ${message}`);
      }
    };
  return [
    vscode.commands.registerCommand("intheflow.restartServer", guarded(() => server.restart())),
    vscode.commands.registerCommand("intheflow.showOutput", () => server.log.show()),
    vscode.commands.registerCommand("intheflow.transpileCobol", guarded(() => transpileCobol())),
    ...TARGETS.map((t) =>
      vscode.commands.registerCommand(`intheflow.transpileCobolTo${t}`, guarded(() => transpileCobol(t))),
    ),
    vscode.commands.registerCommand("intheflow.runChecks", guarded(() => runChecks(python))),
    vscode.commands.registerCommand("intheflow.showRulesForSymbol", guarded(() => showRulesForSymbol(server))),
    vscode.commands.registerCommand("intheflow.generateTests", guarded(generateTests)),
  ];
}
