// Shows `intheflow/transpileVerdict` (sent when a background transpile verification ends).
import * as vscode from "vscode";
import type { ServerController } from "./client";
import { TranspileVerdictParams, onNotification } from "./protocol";

export function verdictMessage(v: TranspileVerdictParams): string {
  const name = decodeURIComponent(v.uri.split("/").pop() ?? v.uri);
  if (v.cancelled) return `Verification of ${name} cancelled.`;
  const head = `${name}: ${v.passed ? "translation verified" : "verification failed"} (${v.summary})`;
  return v.firstDifference ? `${head}. First difference: ${v.firstDifference}` : `${head}.`;
}

export function watchVerdicts(server: ServerController): vscode.Disposable {
  let sub: { dispose(): void } | undefined;
  const listener = server.onDidChangeClient((client) => {
    sub?.dispose();
    sub = client
      ? onNotification(client, "intheflow/transpileVerdict", (v) => {
          server.log.info(verdictMessage(v));
          const show = v.passed || v.cancelled ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
          void show(verdictMessage(v));
        })
      : undefined;
  });
  return new vscode.Disposable(() => {
    listener.dispose();
    sub?.dispose();
  });
}
