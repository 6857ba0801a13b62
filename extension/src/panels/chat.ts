// Chat panel (webview view): asks `intheflow/chat`, streams the answer, renders markdown and code
// blocks with "insert at cursor" / "apply as edit". Cancel cancels the request ($/cancelRequest).
import * as vscode from "vscode";
import { escapeHtml, renderAnswer } from "../markdown";
import type { Citation } from "../protocol";
import { ChatContext, askChat } from "../chat";
import type { Panel, PanelContext } from "./index";

type FromWebview =
  | { type: "ask"; text: string; withContext: boolean }
  | { type: "cancel" }
  | { type: "insert" | "apply" | "copy"; block: number }
  | { type: "open"; citation: number };

interface Turn {
  cancel: vscode.CancellationTokenSource;
  codeBlocks: string[];
  citations: Citation[];
  /** Where the context came from, so "apply as edit" replaces exactly what was asked about. */
  target?: { uri: vscode.Uri; range: vscode.Range };
}

class ChatView implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  private turn: Turn | undefined;

  constructor(private readonly ctx: PanelContext) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const media = vscode.Uri.joinPath(this.ctx.extension.extensionUri, "media");
    view.webview.options = { enableScripts: true, localResourceRoots: [media] };
    const script = view.webview.asWebviewUri(vscode.Uri.joinPath(media, "chat.js"));
    const style = view.webview.asWebviewUri(vscode.Uri.joinPath(media, "chat.css"));
    const nonce = Math.random().toString(36).slice(2);
    view.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${view.webview.cspSource}; script-src 'nonce-${nonce}';">
<link rel="stylesheet" href="${style}"></head><body>
<div id="log"></div>
<form id="ask"><textarea id="question" rows="3" placeholder="Ask about this workspace…"></textarea>
<label><input type="checkbox" id="context" checked> send the selection / file</label>
<div class="buttons"><button type="submit" id="send">Ask</button><button type="button" id="cancel" disabled>Cancel</button></div></form>
<script nonce="${nonce}" src="${script}"></script></body></html>`;
    view.webview.onDidReceiveMessage((msg: FromWebview) => void this.onMessage(msg));
  }

  private post(message: unknown): void {
    void this.view?.webview.postMessage(message);
  }

  private async onMessage(msg: FromWebview): Promise<void> {
    switch (msg.type) {
      case "ask":
        return this.ask(msg.text, msg.withContext);
      case "cancel":
        this.turn?.cancel.cancel();
        return;
      case "open":
        return this.openCitation(msg.citation);
      default:
        return this.useBlock(msg.type, msg.block);
    }
  }

  async ask(question: string, withContext: boolean): Promise<void> {
    if (!question.trim()) return;
    this.turn?.cancel.cancel();
    const editor = vscode.window.activeTextEditor;
    const turn: Turn = { cancel: new vscode.CancellationTokenSource(), codeBlocks: [], citations: [] };
    let context: ChatContext | undefined;
    if (withContext && editor) {
      const selection = editor.selection;
      const range = selection.isEmpty
        ? new vscode.Range(0, 0, editor.document.lineCount, 0)
        : new vscode.Range(selection.start, selection.end);
      turn.target = { uri: editor.document.uri, range };
      context = {
        uri: editor.document.uri.toString(),
        languageId: editor.document.languageId,
        text: editor.document.getText(range),
        startLine: range.start.line,
        endLine: range.end.line,
        selection: !selection.isEmpty,
      };
    }
    this.turn = turn;
    this.post({ type: "start", question, context: context ? vscode.workspace.asRelativePath(editor!.document.uri) : "" });
    let text = "";
    // A newer question supersedes this one: its late pieces must not reach the panel.
    const post = (message: unknown) => {
      if (this.turn === turn) this.post(message);
    };
    try {
      const client = await this.ctx.server.ready();
      const result = await askChat(client, question, context, turn.cancel.token, (piece) => {
        text += piece;
        const rendered = renderAnswer(text);
        turn.codeBlocks = rendered.codeBlocks;
        post({ type: "answer", html: rendered.html });
      });
      // The result is the whole answer; it wins over the pieces if they differ.
      const rendered = renderAnswer(result.text);
      turn.codeBlocks = rendered.codeBlocks;
      turn.citations = result.citations ?? [];
      post({ type: "answer", html: rendered.html + citationsHtml(turn.citations), done: true });
    } catch (err) {
      const cancelled = turn.cancel.token.isCancellationRequested;
      post({ type: "error", message: cancelled ? "Cancelled." : errorText(err) });
      if (!cancelled) this.ctx.log.error(`chat failed: ${errorText(err)}`);
    } finally {
      post({ type: "idle" });
      turn.cancel.dispose();
    }
  }

  private async openCitation(index: number): Promise<void> {
    const citation = this.turn?.citations[index];
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!citation || !folder) return;
    const range = new vscode.Range(citation.startLine, 0, citation.endLine, 0);
    await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, citation.path), { selection: range });
  }

  private async useBlock(action: "insert" | "apply" | "copy", index: number): Promise<void> {
    const code = this.turn?.codeBlocks[index];
    if (code === undefined) return;
    if (action === "copy") {
      await vscode.env.clipboard.writeText(code);
      return;
    }
    if (action === "insert") {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showWarningMessage("Open an editor to insert the code into.");
        return;
      }
      await editor.edit((b) => b.replace(editor.selection, code));
      return;
    }
    const target = this.turn?.target;
    if (!target) {
      void vscode.window.showWarningMessage("This answer was asked without a file; use Insert.");
      return;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(target.uri, target.range, code.endsWith("\n") || target.range.end.character ? code : code + "\n");
    await vscode.workspace.applyEdit(edit);
  }
}

function citationsHtml(citations: Citation[]): string {
  if (citations.length === 0) return "";
  const items = citations
    .map((c, i) => `<li><a href="#" data-action="open" data-citation="${i}">${escapeHtml(c.path)}:${c.startLine + 1}</a></li>`)
    .join("");
  return `<div class="citations">Sources<ul>${items}</ul></div>`;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export const chatPanel: Panel = {
  name: "chat",
  activate(ctx) {
    const view = new ChatView(ctx);
    return [
      vscode.window.registerWebviewViewProvider("intheflow.chat", view, {
        webviewOptions: { retainContextWhenHidden: true },
      }),
      vscode.commands.registerCommand("intheflow.askAboutSelection", async () => {
        const question = await vscode.window.showInputBox({ prompt: "Ask intheflow about the selection" });
        if (question) {
          await vscode.commands.executeCommand("intheflow.chat.focus");
          await view.ask(question, true);
        }
      }),
    ];
  },
};
