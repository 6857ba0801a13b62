// Test harness: the real Python server over stdio through vscode-jsonrpc (a JSON-RPC client
// nobody here wrote), plus a scripted OpenAI-compatible model server on 127.0.0.1.
import { ChildProcess, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { AddressInfo } from "node:net";
import { IncomingMessage, Server, ServerResponse, createServer } from "node:http";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
} from "vscode-jsonrpc/node";

export const REPO = resolve(__dirname, "../../..");
export const WORKSPACE = resolve(REPO, "examples/payments");

export function venvPython(): string {
  const python = resolve(REPO, ".venv/bin/python");
  if (!existsSync(python)) {
    throw new Error(`${python} not found: run \`make setup\` (the test needs the real server)`);
  }
  return python;
}

export interface InitializeResult {
  capabilities: Record<string, unknown>;
  serverInfo?: { name: string; version?: string };
}

export interface RunningServer {
  connection: MessageConnection;
  initializeResult: InitializeResult;
  process: ChildProcess;
  stderr: () => string;
  diagnostics: Map<string, unknown[]>;
  notifications: { method: string; params: unknown }[];
  stop(): Promise<void>;
}

/** A private copy of examples/payments (the server may write into it, e.g. transpiled files). */
export function copyWorkspace(): string {
  const dest = join(mkdtempSync(join(tmpdir(), "intheflow-ws-")), "payments");
  cpSync(WORKSPACE, dest, { recursive: true, filter: (p) => !p.includes(".intheflow") });
  return dest;
}

export async function startServer(
  initializationOptions: unknown,
  workspace = WORKSPACE,
  command: string[] = [venvPython(), "-m", "intheflow", "serve", "--stdio"],
): Promise<RunningServer> {
  const proc = spawn(command[0], command.slice(1), {
    cwd: workspace,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  proc.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const connection = createMessageConnection(
    new StreamMessageReader(proc.stdout!),
    new StreamMessageWriter(proc.stdin!),
  );
  const diagnostics = new Map<string, unknown[]>();
  const notifications: { method: string; params: unknown }[] = [];
  connection.onNotification("textDocument/publishDiagnostics", (p: { uri: string; diagnostics: unknown[] }) => {
    diagnostics.set(p.uri, p.diagnostics);
  });
  connection.onNotification((method: string, params: unknown) => notifications.push({ method, params }));
  // The server may ask for work-done progress or configuration; answer as VS Code would.
  connection.onRequest("window/workDoneProgress/create", () => null);
  connection.onRequest("workspace/configuration", (p: { items: unknown[] }) => p.items.map(() => null));
  connection.onRequest("client/registerCapability", () => null);
  connection.listen();
  const root = pathToFileURL(workspace).toString();
  const initializeResult = await connection.sendRequest<InitializeResult>("initialize", {
    processId: process.pid,
    rootUri: root,
    workspaceFolders: [{ uri: root, name: "payments" }],
    capabilities: {
      textDocument: {
        publishDiagnostics: { versionSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "refactor", "source"] } } },
      },
      window: { workDoneProgress: true },
    },
    initializationOptions,
  });
  await connection.sendNotification("initialized", {});
  return {
    connection,
    initializeResult,
    process: proc,
    stderr: () => stderr,
    diagnostics,
    notifications,
    async stop() {
      try {
        await connection.sendRequest("shutdown");
        await connection.sendNotification("exit");
      } catch {
        // already gone
      }
      const exited = new Promise((r) => proc.once("exit", r));
      const timer = setTimeout(() => proc.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
      connection.dispose();
    },
  };
}

/** Resolves when `check()` is truthy, polling; rejects after `ms` with `what`. */
export async function eventually<T>(
  check: () => T | undefined | Promise<T | undefined>,
  what: string,
  ms = 20000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface ScriptedModel {
  baseUrl: string;
  /** Pause between two streamed pieces; tests change it to make cancellation observable. */
  pauseMs: number;
  pieces: string[];
  requests: { path: string; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

/**
 * An OpenAI-compatible endpoint that streams `answer` in `pieces` server-sent events, with a
 * pause between them so cancellation and streaming are observable.
 */
export async function scriptedModel(pieces: string[], pauseMs = 20): Promise<ScriptedModel> {
  const requests: ScriptedModel["requests"] = [];
  let model: ScriptedModel;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = "";
    req.on("data", (d: Buffer) => (raw += d.toString()));
    req.on("end", async () => {
      const path = (req.url ?? "").replace(/^\/v1/, "");
      requests.push({ path, body: raw ? JSON.parse(raw) : {} });
      if (req.method === "GET" && path === "/models") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ object: "list", data: [{ id: "scripted", object: "model" }] }));
        return;
      }
      if (req.method !== "POST" || !["/chat/completions", "/completions"].includes(path)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      for (const piece of model.pieces) {
        if (res.destroyed) return;
        const choice = path === "/completions" ? { text: piece, index: 0 } : { delta: { content: piece }, index: 0 };
        res.write(`data: ${JSON.stringify({ object: "chat.completion.chunk", choices: [choice] })}\n\n`);
        await new Promise((r) => setTimeout(r, model.pauseMs));
      }
      res.write(`data: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: "stop", index: 0 }] })}\n\n`);
      res.end("data: [DONE]\n\n");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  model = {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    pauseMs,
    pieces,
    requests,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
  return model;
}

interface TextEdit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

type DocumentChange =
  | { kind: "create"; uri: string }
  | { kind: "rename" | "delete"; uri?: string }
  | { textDocument: { uri: string }; edits: TextEdit[] };

/** Applies a WorkspaceEdit to disk as VS Code would (create files, then text edits). */
export function applyWorkspaceEdit(edit: { documentChanges?: DocumentChange[]; changes?: Record<string, TextEdit[]> }): string[] {
  const touched: string[] = [];
  const apply = (uri: string, edits: TextEdit[]) => {
    const path = fileURLToPath(uri);
    const text = existsSync(path) ? readFileSync(path, "utf8") : "";
    const lines = text.split("\n");
    const offset = (p: { line: number; character: number }) =>
      lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    let out = text;
    for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
      out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, out);
    touched.push(path);
  };
  for (const change of edit.documentChanges ?? []) {
    if ("kind" in change && change.kind === "create") {
      const path = fileURLToPath(change.uri);
      mkdirSync(dirname(path), { recursive: true });
      if (!existsSync(path)) writeFileSync(path, "");
    } else if ("textDocument" in change) {
      apply(change.textDocument.uri, change.edits);
    }
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) apply(uri, edits);
  return touched;
}
