// End to end: the real Python server, driven by vscode-jsonrpc as the extension's client would.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { toInitializationOptions } from "../src/settings";
import { RunningServer, ScriptedModel, WORKSPACE, scriptedModel, startServer } from "./harness";

let server: RunningServer;
let model: ScriptedModel;

before(async () => {
  model = await scriptedModel(["The fee rule ", "caps fees at 2%:\n\n```python\n", "fee = min(fee, 0.02 * amount)\n```\n"]);
  // The same mapping the extension uses, from the settings a user would set.
  const settings: Record<string, unknown> = {
    "ai.provider": "remote",
    "ai.remote.baseUrl": model.baseUrl,
    "ai.remote.model": "scripted",
    "ai.rag.enabled": false,
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

test("initialize: the server says who it is and advertises sync and code actions", async () => {
  const { capabilities, serverInfo } = server.initializeResult;
  assert.equal(serverInfo?.name, "intheflow");
  assert.ok(capabilities.textDocumentSync, "no textDocumentSync");
  assert.ok(capabilities.codeActionProvider, "no codeActionProvider");
  const actions = await server.connection.sendRequest("textDocument/codeAction", {
    textDocument: { uri: openDocument("catalog-info.yaml", "yaml") },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [] },
  });
  assert.ok(Array.isArray(actions));
  assert.equal(server.process.exitCode, null, server.stderr());
});
