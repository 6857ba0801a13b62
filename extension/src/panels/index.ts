// Panels are one module each. A capability adds its panel (e.g. the GitOps engineer's Argo
// panel) by writing src/panels/<name>.ts that exports a `Panel` and adding it to PANELS below;
// nothing else in the extension changes.
import * as vscode from "vscode";
import type { ServerController } from "../client";
import { argoPanel } from "../argo/panel";
import { chatPanel } from "./chat";
import { knowledgePanel } from "./knowledge";

export interface PanelContext {
  readonly extension: vscode.ExtensionContext;
  readonly server: ServerController;
  readonly log: vscode.LogOutputChannel;
}

export interface Panel {
  /** For the log only. */
  readonly name: string;
  /** Registers views, commands and listeners; everything returned is disposed on deactivate. */
  activate(ctx: PanelContext): vscode.Disposable[];
}

export const PANELS: readonly Panel[] = [chatPanel, knowledgePanel, argoPanel];
