// Knowledge view (tree): services -> components -> processes -> rules from `intheflow/graphQuery`;
// a click opens the node's file; "Run Cypher query" shows the rows in a table.
import * as vscode from "vscode";
import type { ServerController } from "../client";
import { graphQuery } from "../graph";
import { renderTable } from "../knowledge/table";
import {
  GraphNode,
  ROOT_QUERY,
  childQuery,
  describe,
  displayName,
  iconOf,
  nodeLocation,
  nodesFromRows,
} from "../knowledge/tree";
import type { Panel } from "./index";

class KnowledgeTree implements vscode.TreeDataProvider<GraphNode> {
  private readonly changed = new vscode.EventEmitter<GraphNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly server: ServerController, private readonly log: vscode.LogOutputChannel) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: GraphNode): vscode.TreeItem {
    const item = new vscode.TreeItem(
      displayName(node),
      childQuery(node) ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = node.id;
    item.description = describe(node);
    item.tooltip = `${node.name}\n${node.id}`;
    item.iconPath = new vscode.ThemeIcon(iconOf(node.label));
    item.contextValue = node.label;
    if (nodeLocation(node)) {
      item.command = { command: "intheflow.openNode", title: "Open", arguments: [node] };
    }
    return item;
  }

  private emptyRoots = 0;

  async getChildren(node?: GraphNode): Promise<GraphNode[]> {
    const client = this.server.current;
    if (!client) return [];
    const q = node ? childQuery(node) : { query: ROOT_QUERY, params: {} };
    if (!q) return [];
    try {
      const nodes = nodesFromRows(await graphQuery(client, q.query, q.params));
      if (!node) {
        // The server indexes in the background after start: look again until services appear.
        this.emptyRoots = nodes.length ? 0 : this.emptyRoots + 1;
        if (!nodes.length && this.emptyRoots <= 30) setTimeout(() => this.refresh(), 2000);
      }
      return nodes;
    } catch (err) {
      this.log.warn(`knowledge view query failed: ${String(err)}`);
      return [];
    }
  }
}

async function openNode(node: GraphNode): Promise<void> {
  const location = nodeLocation(node);
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!location || !folder) return;
  const uri = vscode.Uri.joinPath(folder.uri, location.path);
  const position = new vscode.Position(location.line, 0);
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position) });
}

async function runCypher(server: ServerController): Promise<void> {
  const query = await vscode.window.showInputBox({
    prompt: "Cypher query over the knowledge graph",
    value: "MATCH (s:Service)-[r]-(m) RETURN s.name, type(r), m.name LIMIT 50",
  });
  if (!query) return;
  const client = await server.ready();
  const result = await graphQuery(client, query);
  const panel = vscode.window.createWebviewPanel("intheflow.queryResult", "Cypher result", vscode.ViewColumn.Beside, {});
  panel.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">
<style>table{border-collapse:collapse}td,th{border:1px solid var(--vscode-panel-border);padding:2px 6px;text-align:left}</style>
</head><body>${renderTable(query, result)}</body></html>`;
}

export const knowledgePanel: Panel = {
  name: "knowledge",
  activate({ server, log }) {
    const tree = new KnowledgeTree(server, log);
    const report = (err: unknown) => void vscode.window.showErrorMessage(`intheflow: ${err instanceof Error ? err.message : String(err)}`);
    return [
      vscode.window.registerTreeDataProvider("intheflow.knowledge", tree),
      server.onDidChangeClient(() => tree.refresh()),
      vscode.commands.registerCommand("intheflow.refreshKnowledge", () => tree.refresh()),
      vscode.commands.registerCommand("intheflow.openNode", (node: GraphNode) => openNode(node).catch(report)),
      vscode.commands.registerCommand("intheflow.runCypherQuery", () => runCypher(server).catch(report)),
    ];
  },
};
