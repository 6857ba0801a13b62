// The Argo panel (tree view `intheflow.argo`): pipelines with live status and step logs, the
// self-healing attempts, Argo CD applications and Rollouts analysis; retry/resubmit/stop, sync,
// abort/promote and alert triage through `intheflow/argo.*` and `intheflow/triage`. Display and
// wiring only: every decision is the server's.
import * as vscode from "vscode";
import type { ServerController } from "../client";
import { request } from "../protocol";
import type { Panel } from "../panels/index";
import {
  ArgoNode,
  SECTIONS,
  appNodes,
  healingNodes,
  runNodes,
  triageMarkdown,
  workflowNodes,
} from "./model";

const LIVE_REFRESH_MS = 10_000;

class ArgoTree implements vscode.TreeDataProvider<ArgoNode> {
  private readonly changed = new vscode.EventEmitter<ArgoNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly server: ServerController, private readonly log: vscode.LogOutputChannel) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: ArgoNode): vscode.TreeItem {
    const collapsible =
      node.kind === "section"
        ? vscode.TreeItemCollapsibleState.Expanded
        : node.children && node.children.length
          ? vscode.TreeItemCollapsibleState.Collapsed
          : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(node.label, collapsible);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.iconPath = new vscode.ThemeIcon(node.icon);
    item.contextValue = `argo.${node.kind}`;
    if (node.kind === "step") {
      item.command = { command: "intheflow.argo.showLogs", title: "Show logs", arguments: [node] };
    }
    return item;
  }

  async getChildren(node?: ArgoNode): Promise<ArgoNode[]> {
    if (!node) return [...SECTIONS];
    if (node.kind !== "section") return node.children ?? [];
    const client = this.server.current;
    if (!client) return [];
    try {
      switch (node.id) {
        case "pipelines": {
          // The pipelines of the service the active file belongs to (all when none).
          const uri = vscode.window.activeTextEditor?.document.uri;
          const params = uri?.scheme === "file" ? { uri: uri.toString() } : {};
          return workflowNodes(await request(client, "intheflow/argo.workflows", params));
        }
        case "healing":
          return healingNodes(await request(client, "intheflow/argo.attempts", {}));
        case "apps":
          return appNodes(await request(client, "intheflow/argo.apps", {}));
        default:
          return runNodes(await request(client, "intheflow/argo.rollouts", {}));
      }
    } catch (err) {
      this.log.warn(`Argo panel: ${node.label} failed: ${String(err)}`);
      return [];
    }
  }
}

async function showLogs(server: ServerController, node: ArgoNode): Promise<void> {
  if (!node.target) return;
  const client = await server.ready();
  const result = await request(client, "intheflow/argo.logs", { workflow: node.target, step: node.step });
  const text = result.error ? `error: ${result.error}` : (result.lines ?? []).join("\n");
  const doc = await vscode.workspace.openTextDocument({ content: text, language: "log" });
  await vscode.window.showTextDocument(doc, { preview: true });
}

async function workflowAction(server: ServerController, tree: ArgoTree, node: ArgoNode, action: string): Promise<void> {
  if (!node.target) return;
  const client = await server.ready();
  const result = await request(client, "intheflow/argo.workflowAction", { workflow: node.target, action });
  if (result.ok) void vscode.window.showInformationMessage(`${action}: ${result.workflow} ${result.phase}`);
  else void vscode.window.showErrorMessage(`${action} failed: ${result.error}`);
  tree.refresh();
}

async function heal(server: ServerController, tree: ArgoTree, node: ArgoNode): Promise<void> {
  if (!node.target) return;
  const client = await server.ready();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Healing ${node.target}…` },
    () => request(client, "intheflow/argo.heal", { workflow: node.target as string }),
  );
  const attempts = result.record?.attempts?.length ?? 0;
  if (result.error) void vscode.window.showErrorMessage(`heal: ${result.error}`);
  else if (result.ok) void vscode.window.showInformationMessage(`healed after ${attempts} attempt(s)`);
  else void vscode.window.showWarningMessage(`not healed after ${attempts} attempt(s): see Self-healing`);
  tree.refresh();
}

async function sync(server: ServerController, tree: ArgoTree, node: ArgoNode): Promise<void> {
  if (!node.target) return;
  const client = await server.ready();
  const result = await request(client, "intheflow/argo.sync", { app: node.target });
  if (result.error) void vscode.window.showErrorMessage(`sync failed: ${result.error}`);
  else if (!result.synced) {
    void vscode.window.showWarningMessage(`dry run ${result.dryRunPhase}: ${result.dryRunMessage}; not synced`);
  } else void vscode.window.showInformationMessage(`${node.target}: ${result.sync} / ${result.health}`);
  tree.refresh();
}

async function rolloutAction(server: ServerController, tree: ArgoTree, node: ArgoNode, action: string): Promise<void> {
  if (!node.target) return;
  const client = await server.ready();
  const result = await request(client, "intheflow/argo.rolloutAction", { rollout: node.target, action });
  if (result.ok) void vscode.window.showInformationMessage(`${action}: ${node.target}`);
  else void vscode.window.showErrorMessage(`${action} failed: ${result.error}`);
  tree.refresh();
}

async function triageAlert(server: ServerController): Promise<void> {
  const picked = await vscode.window.showOpenDialog({ filters: { "Alert JSON": ["json"] }, canSelectMany: false });
  if (!picked || picked.length === 0) return;
  const alert = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(picked[0])).toString("utf8"));
  const client = await server.ready();
  const result = await request(client, "intheflow/triage", { alert });
  const text = [...(result.errors ?? []).map((e) => `> ${e}`), ...(result.reports ?? []).map(triageMarkdown)].join("\n\n");
  const doc = await vscode.workspace.openTextDocument({ content: text, language: "markdown" });
  await vscode.commands.executeCommand("markdown.showPreview", doc.uri);
}

export const argoPanel: Panel = {
  name: "argo",
  activate({ server, log }) {
    const tree = new ArgoTree(server, log);
    const view = vscode.window.createTreeView("intheflow.argo", { treeDataProvider: tree });
    // Live status while the view is visible.
    const timer = setInterval(() => {
      if (view.visible) tree.refresh();
    }, LIVE_REFRESH_MS);
    const follow = vscode.window.onDidChangeActiveTextEditor(() => {
      if (view.visible) tree.refresh();
    });
    return [
      view,
      follow,
      { dispose: () => clearInterval(timer) },
      vscode.commands.registerCommand("intheflow.argo.refresh", () => tree.refresh()),
      vscode.commands.registerCommand("intheflow.argo.showLogs", (n: ArgoNode) => showLogs(server, n)),
      vscode.commands.registerCommand("intheflow.argo.retry", (n: ArgoNode) => workflowAction(server, tree, n, "retry")),
      vscode.commands.registerCommand("intheflow.argo.resubmit", (n: ArgoNode) => workflowAction(server, tree, n, "resubmit")),
      vscode.commands.registerCommand("intheflow.argo.stop", (n: ArgoNode) => workflowAction(server, tree, n, "stop")),
      vscode.commands.registerCommand("intheflow.argo.heal", (n: ArgoNode) => heal(server, tree, n)),
      vscode.commands.registerCommand("intheflow.argo.sync", (n: ArgoNode) => sync(server, tree, n)),
      vscode.commands.registerCommand("intheflow.argo.abort", (n: ArgoNode) => rolloutAction(server, tree, n, "abort")),
      vscode.commands.registerCommand("intheflow.argo.promote", (n: ArgoNode) => rolloutAction(server, tree, n, "promote")),
      vscode.commands.registerCommand("intheflow.triageAlert", () => triageAlert(server)),
    ];
  },
};
