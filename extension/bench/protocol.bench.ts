// What a VS Code user waits for, measured with the extension's own client code over stdio:
// server start to initialized, didOpen to diagnostics, custom-request round trips, chat's first
// streamed piece. Peer: jedi-language-server, same client, same machine, same run.
// Prints one JSON object; benchmarks/extension/run.py turns it into Markdown.
import { readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { askChat } from "../src/chat";
import { explainAt, graphQuery } from "../src/graph";
import { ROOT_QUERY, childQuery, nodesFromRows } from "../src/knowledge/tree";
import { toInitializationOptions } from "../src/settings";
import { RunningServer, copyWorkspace, eventually, scriptedModel, startServer } from "../test/harness";

const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const STARTS = Number(process.env.BENCH_STARTS ?? 5);
const REPO = resolve(__dirname, "../../..");

function stats(ms: number[]): { p50: number; p95: number; n: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { p50: +at(0.5).toFixed(2), p95: +at(0.95).toFixed(2), n: s.length };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function repeat(fn: () => Promise<unknown>, runs = RUNS): Promise<number[]> {
  for (let i = 0; i < 3; i++) await fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < runs; i++) out.push(await timed(fn));
  return out;
}

let version = 1;
function open(server: RunningServer, path: string, languageId: string): Promise<unknown> {
  const uri = pathToFileURL(path).toString();
  server.diagnostics.delete(uri);
  void server.connection.sendNotification("textDocument/didOpen", {
    textDocument: { uri, languageId, version: version++, text: readFileSync(path, "utf8") },
  });
  return eventually(() => server.diagnostics.get(uri), `diagnostics for ${path}`);
}

function close(server: RunningServer, path: string): Promise<void> {
  return server.connection.sendNotification("textDocument/didClose", {
    textDocument: { uri: pathToFileURL(path).toString() },
  });
}

async function main(): Promise<void> {
  const workspace = copyWorkspace();
  const pyFile = join(workspace, "services/payments-api/payments_api/service.py");
  const model = await scriptedModel(["The fee ", "is capped ", "at 2%."], 0);
  const settings: Record<string, unknown> = {
    "ai.provider": "remote",
    "ai.remote.baseUrl": model.baseUrl,
    "ai.rag.enabled": false,
    "graph.url": ":memory:",
  };
  const options = toInitializationOptions((k) => settings[k]);
  const jedi = [join(REPO, ".venv/bin/jedi-language-server")];
  const result: Record<string, unknown> = {};

  // Start-up: spawn to initialize answered, for both servers.
  const startOurs: number[] = [];
  const startPeer: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    let s: RunningServer | undefined;
    startOurs.push(await timed(async () => (s = await startServer(options, workspace))));
    await s!.stop();
    startPeer.push(await timed(async () => (s = await startServer({}, workspace, jedi))));
    await s!.stop();
  }
  result.start = { ours: stats(startOurs), peer: stats(startPeer) };

  const ours = await startServer(options, workspace);
  const peer = await startServer({}, workspace, jedi);
  try {
    // didOpen -> publishDiagnostics on the same Python file.
    const diag = async (s: RunningServer) => {
      const t = await timed(() => open(s, pyFile, "python"));
      await close(s, pyFile);
      return t;
    };
    const diagOurs: number[] = [];
    const diagPeer: number[] = [];
    for (let i = 0; i < 3; i++) { await diag(ours); await diag(peer); }
    for (let i = 0; i < RUNS; i++) { diagOurs.push(await diag(ours)); diagPeer.push(await diag(peer)); }
    result.diagnostics = { ours: stats(diagOurs), peer: stats(diagPeer) };

    // A structured query of one file: the peer's documentSymbol vs our explain and tree requests.
    await open(ours, pyFile, "python");
    await open(peer, pyFile, "python");
    const uri = pathToFileURL(pyFile).toString();
    const lines = readFileSync(pyFile, "utf8").split("\n");
    const line = lines.findIndex((l) => /^\s*def \w+/.test(l));
    const character = lines[line].indexOf("def ") + 4;
    await eventually(async () => (await graphQuery(ours.connection, ROOT_QUERY)).rows.length || undefined, "index");
    const [service] = nodesFromRows(await graphQuery(ours.connection, ROOT_QUERY));
    const child = childQuery(service)!;
    result.peerDocumentSymbol = stats(
      await repeat(() => peer.connection.sendRequest("textDocument/documentSymbol", { textDocument: { uri } })),
    );
    result.documentSymbol = stats(
      await repeat(() => ours.connection.sendRequest("textDocument/documentSymbol", { textDocument: { uri } })),
    );
    result.treeRoot = stats(await repeat(() => graphQuery(ours.connection, ROOT_QUERY)));
    result.treeChildren = stats(await repeat(() => graphQuery(ours.connection, child.query, child.params)));
    result.explain = stats(await repeat(() => explainAt(ours.connection, uri, { line, character })));

    // Chat: question sent -> first streamed piece, and -> whole answer (scripted model, no pauses).
    const first: number[] = [];
    const whole: number[] = [];
    for (let i = 0; i < Math.min(RUNS, 20); i++) {
      const t = performance.now();
      let firstAt = 0;
      await askChat(ours.connection, "What caps the fee?", undefined, undefined, () => {
        firstAt ||= performance.now() - t;
      });
      whole.push(performance.now() - t);
      first.push(firstAt);
    }
    result.chatFirstPiece = stats(first);
    result.chatWhole = stats(whole);
  } finally {
    await ours.stop();
    await peer.stop();
    await model.close();
    rmSync(dirname(workspace), { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify({ runs: RUNS, starts: STARTS, node: process.version, ...result }) + "\n");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
