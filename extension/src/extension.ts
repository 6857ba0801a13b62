// Entry point: a log channel, the server controller, commands and panels. No telemetry.
import * as vscode from "vscode";
import { ServerController } from "./client";
import { registerCommands } from "./commands";
import { PANELS } from "./panels";
import { pythonExtensionInterpreter } from "./python";
import { chooseInterpreter } from "./settings";
import { watchVerdicts } from "./verdicts";

let controller: ServerController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel("intheflow", { log: true });
  const server = new ServerController(log);
  controller = server;
  const python = async () =>
    chooseInterpreter(
      vscode.workspace.getConfiguration("intheflow").get<string>("server.pythonPath"),
      await pythonExtensionInterpreter(vscode.workspace.workspaceFolders?.[0]?.uri, log),
    ).command;
  context.subscriptions.push(log, server, watchVerdicts(server), ...registerCommands(server, python));
  for (const panel of PANELS) {
    try {
      context.subscriptions.push(...panel.activate({ extension: context, server, log }));
    } catch (err) {
      log.error(`panel ${panel.name} failed to activate: ${String(err)}`);
    }
  }
  await server.start();
}

export async function deactivate(): Promise<void> {
  await controller?.stop();
}
