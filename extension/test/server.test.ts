// End to end: the real Python server, driven by vscode-jsonrpc as the extension's client would.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { readFileSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { explainAt, graphQuery } from "../src/graph";
import { GraphNode, ROOT_QUERY, childQuery, nodeLocation, nodesFromRows } from "../src/knowledge/tree";
import { toInitializationOptions } from "../src/settings";
import { RunningServer, applyWorkspaceEdit, copyWorkspace, eventually, startServer } from "./harness";
import type { TranspileVerdictParams } from "../src/protocol";

let server: RunningServer;
let workspace: string;

before(async () => {
  workspace = copyWorkspace();
  // The same mapping the extension uses; the AI is off here (chat.test.ts covers it).
  const settings: Record<string, unknown> = { "ai.provider": "off", "graph.url": ":memory:" };
  server = await startServer(toInitializationOptions((k) => settings[k]), workspace);
});

after(async () => {
  await server?.stop();
  if (workspace) rmSync(dirname(workspace), { recursive: true, force: true });
});

function openDocument(relpath: string, languageId: string): string {
  const path = resolve(workspace, relpath);
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

test("graph: the knowledge tree walks service -> component -> process -> rule on the real engine", async () => {
  const c = server.connection;
  const create = [
    "CREATE (:Service {id: 'service:e2e-pay', name: 'e2e-pay'})",
    "CREATE (:CodeComponent {id: 'component:e2e/fees.py', name: 'fees.py'})",
    "CREATE (:CodeComponent {id: 'component:e2e/fees.py#cap_fee', name: 'cap_fee'})",
    "CREATE (:BusinessProcess {id: 'process:e2e-charge', name: 'charge a card'})",
    "CREATE (:Rule {id: 'rule:e2e/fees.rules.json#max-fee', name: 'max fee'})",
  ];
  const link = [
    ["component:e2e/fees.py", "PART_OF", "service:e2e-pay"],
    ["component:e2e/fees.py#cap_fee", "PART_OF", "service:e2e-pay"],
    ["component:e2e/fees.py", "CONTAINS", "component:e2e/fees.py#cap_fee"],
    ["component:e2e/fees.py#cap_fee", "IMPLEMENTS", "process:e2e-charge"],
    ["process:e2e-charge", "HAS_RULE", "rule:e2e/fees.rules.json#max-fee"],
  ];
  for (const q of create) await graphQuery(c, q);
  for (const [a, type, b] of link) {
    await graphQuery(c, `MATCH (a {id: $a}), (b {id: $b}) CREATE (a)-[:${type}]->(b)`, { a, b });
  }
  const walk = async (node?: GraphNode): Promise<GraphNode[]> => {
    const q = node ? childQuery(node) : { query: ROOT_QUERY, params: {} };
    return q ? nodesFromRows(await graphQuery(c, q.query, q.params)) : [];
  };
  const service = (await walk()).find((n) => n.id === "service:e2e-pay");
  assert.ok(service, "service not in the tree's root");
  const components = await walk(service);
  assert.deepEqual(components.map((n) => n.name), ["fees.py"]); // file level only
  assert.deepEqual(nodeLocation(components[0]), { path: "e2e/fees.py", line: 0 });
  const processes = await walk(components[0]);
  assert.deepEqual(processes.map((n) => n.name), ["charge a card"]);
  const rules = await walk(processes[0]);
  assert.deepEqual(rules.map((n) => n.id), ["rule:e2e/fees.rules.json#max-fee"]);
  assert.deepEqual(await walk(rules[0]), []);
});

test("graph: a Cypher error comes back as a JSON-RPC error, and the server lives on", async () => {
  await assert.rejects(graphQuery(server.connection, "MATCH (n RETURN n"), (err: { message: string }) => {
    assert.match(err.message, /1:\d+/); // the position in the query
    return true;
  });
  const ok = await graphQuery(server.connection, "MATCH (n:Service) RETURN count(*) AS n");
  assert.deepEqual(ok.columns, ["n"]);
});

test("explain: the symbol under the cursor, from the indexed workspace", async () => {
  const rel = "services/payments-api/payments_api/service.py";
  const uri = openDocument(rel, "python");
  const text = readFileSync(resolve(workspace, rel), "utf8").split("\n");
  const line = text.findIndex((l) => /^\s*def \w+/.test(l));
  const character = text[line].indexOf("def ") + 4;
  const name = /def (\w+)/.exec(text[line])![1];
  const markdown = await eventually(async () => {
    const md = await explainAt(server.connection, uri, { line, character });
    return md.includes(name) ? md : undefined;
  }, `explain of ${name}`);
  assert.match(markdown, new RegExp(name));
});

interface CodeAction {
  title: string;
  kind?: string;
  edit?: Parameters<typeof applyWorkspaceEdit>[0];
  command?: { command: string; arguments?: unknown[] };
}

test("graph: on the indexed example, payments-api -> gateway.py -> charge_a_card -> its rules", async () => {
  const c = server.connection;
  const walk = async (node?: GraphNode): Promise<GraphNode[]> => {
    const q = node ? childQuery(node) : { query: ROOT_QUERY, params: {} };
    return q ? nodesFromRows(await graphQuery(c, q.query, q.params)) : [];
  };
  // Indexing runs in the background after `initialized`.
  const api = await eventually(async () => (await walk()).find((n) => n.id === "service:payments-api"), "indexed services");
  assert.equal(nodeLocation(api)?.path, "services/payments-api/catalog-info.yaml");
  const gateway = (await walk(api)).find((n) => n.id.endsWith("payments_api/gateway.py"));
  assert.ok(gateway, "gateway.py under payments-api");
  const [process] = await walk(gateway);
  assert.equal(process?.id, "process:charge_a_card");
  assert.match(nodeLocation(process)?.path ?? "", /^processes\/charge-a-card\./);
  const rules = await walk(process);
  assert.ok(rules.some((r) => r.id.startsWith("rule:processes/payment_risk.dmn#")), rules.map((r) => r.id).join());
});

let goAction: CodeAction | undefined;

test("transpile: the COBOL code actions offer Rust, Java and Go; the Go edit writes the program", async () => {
  const uri = openDocument("legacy/cobol/FEECALC.cbl", "cobol");
  const lines = readFileSync(resolve(workspace, "legacy/cobol/FEECALC.cbl"), "utf8").split("\n").length;
  // What the "Transpile COBOL file to Go" command asks for: refactors over the whole file.
  const actions = await eventually(async () => {
    const found = await server.connection.sendRequest<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } },
      context: { diagnostics: [], only: ["refactor.rewrite.transpile"] },
    });
    return found.length ? found : undefined;
  }, "transpile code actions");
  assert.deepEqual(actions.map((a) => a.title).sort(), ["Transpile to Go", "Transpile to Java", "Transpile to Rust"]);
  goAction = actions.find((a) => /\bGo\b/.test(a.title))!;
  assert.ok(goAction.edit && goAction.command, "the action needs an edit and a verify command");
  const written = applyWorkspaceEdit(goAction.edit);
  const program = written.find((p) => p.endsWith(".go") && /package main/.test(readFileSync(p, "utf8")));
  assert.ok(program, `no Go main package among ${written.join(", ")}`);
});

test("generate tests: the action at a function carries its command; with the AI off it says why", async () => {
  const rel = "services/payments-api/payments_api/validation.py";
  const uri = openDocument(rel, "python");
  const text = readFileSync(resolve(workspace, rel), "utf8").split("\n");
  const line = text.findIndex((l) => /^def \w+/.test(l));
  const name = /def (\w+)/.exec(text[line])![1];
  const at = { line: line + 1, character: 4 };
  const actions = await server.connection.sendRequest<CodeAction[]>("textDocument/codeAction", {
    textDocument: { uri },
    range: { start: at, end: at },
    context: { diagnostics: [], only: ["refactor.intheflow.generateTests"] },
  });
  assert.equal(actions.length, 1, JSON.stringify(actions));
  assert.match(actions[0].title, new RegExp(`Generate tests for ${name}`));
  const answer = await server.connection.sendRequest<{ accepted: boolean; message: string }>(
    "workspace/executeCommand",
    actions[0].command,
  );
  assert.equal(answer.accepted, false);
  assert.match(answer.message, /AI unavailable/);
});

test("transpile: the action's verify command ends in a passing intheflow/transpileVerdict", async () => {
  assert.ok(goAction?.command, "needs the previous test's action");
  // As VS Code does after applying the edit: run the action's command.
  await server.connection.sendRequest("workspace/executeCommand", goAction.command);
  const verdict = await eventually(
    () => server.notifications.find((n) => n.method === "intheflow/transpileVerdict")?.params as TranspileVerdictParams | undefined,
    "intheflow/transpileVerdict",
    120000,
  );
  assert.match(verdict.uri, /FEECALC\.cbl$/);
  assert.equal(verdict.passed, true, verdict.summary + " " + (verdict.firstDifference ?? ""));
  assert.equal(verdict.results.go, "pass");
});
