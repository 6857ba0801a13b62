// End to end: chat against the real Python server and a scripted OpenAI-compatible model server,
// through vscode-jsonrpc and the extension's own chat module and renderer.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { readFileSync } from "node:fs";
import { CancellationTokenSource } from "vscode-jsonrpc";
import { askChat } from "../src/chat";
import { renderAnswer } from "../src/markdown";
import { toInitializationOptions } from "../src/settings";
import { RunningServer, ScriptedModel, WORKSPACE, scriptedModel, startServer } from "./harness";

const REQUEST_CANCELLED = -32800; // LSPErrorCodes.RequestCancelled

let server: RunningServer;
let model: ScriptedModel;

before(async () => {
  model = await scriptedModel([]);
  // The same mapping the extension uses, from the settings a user would set.
  const settings: Record<string, unknown> = {
    "ai.provider": "remote",
    "ai.remote.baseUrl": model.baseUrl,
    "ai.remote.model": "scripted",
    "ai.rag.enabled": false,
    "graph.url": ":memory:",
  };
  server = await startServer(toInitializationOptions((k) => settings[k]));
});

after(async () => {
  await server?.stop();
  await model?.close();
});

function openDocument(relpath: string, languageId: string): string {
  const path = resolve(WORKSPACE, relpath);
  const uri = pathToFileURL(path).toString();
  void server.connection.sendNotification("textDocument/didOpen", {
    textDocument: { uri, languageId, version: 1, text: readFileSync(path, "utf8") },
  });
  return uri;
}

const ANSWER = ["The fee rule ", "caps fees at 2%:\n\n```python\n", "fee = min(fee, 0.02 * amount)\n```\n"];

test("chat: pieces stream as $/progress in order, the result is the whole answer", async () => {
  model.pieces = ANSWER;
  model.pauseMs = 20;
  const uri = openDocument("services/payments-api/payments_api/service.py", "python");
  const pieces: string[] = [];
  const result = await askChat(
    server.connection,
    "What caps the fee?",
    { uri, text: "fee = compute(amount)", languageId: "python", startLine: 3, endLine: 3, selection: true },
    undefined,
    (piece) => pieces.push(piece),
  );
  assert.equal(result.available ?? true, true, result.text);
  assert.equal(result.text, ANSWER.join(""));
  assert.equal(pieces.join(""), ANSWER.join(""));
  assert.ok(pieces.length >= 2, `expected streaming, got ${pieces.length} piece(s)`);
  // The model saw the question and the editor context.
  const sent = JSON.stringify(model.requests.filter((r) => r.path === "/chat/completions").at(-1)?.body);
  assert.ok(sent.includes("What caps the fee?"), sent);
  assert.ok(sent.includes("fee = compute(amount)"), sent);
  // And the panel's renderer makes one code block with its buttons out of it.
  assert.deepEqual(renderAnswer(result.text).codeBlocks, ["fee = min(fee, 0.02 * amount)"]);
});

test("chat: cancelling sends $/cancelRequest and the answer stops early", async () => {
  model.pieces = Array.from({ length: 40 }, (_, i) => `piece ${i} `);
  model.pauseMs = 100;
  const source = new CancellationTokenSource();
  const pieces: string[] = [];
  const started = Date.now();
  const outcome = askChat(server.connection, "Tell me a long story", undefined, source.token, (p) => {
    pieces.push(p);
    if (pieces.length === 2) source.cancel();
  }).then(
    (result) => ({ finish: result.finish ?? "", text: result.text }),
    (err: { code?: number }) => ({ finish: `error ${err.code}`, text: "" }),
  );
  const { finish, text } = await outcome;
  const elapsed = Date.now() - started;
  // Either the LSP "request cancelled" error (-32800) or a result marked cancelled.
  assert.ok(finish === `error ${REQUEST_CANCELLED}` || finish === "cancelled", finish);
  assert.ok(elapsed < 40 * 100, `took ${elapsed} ms: the stream was not stopped`);
  assert.ok(!text.includes("piece 39"));
});

