import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { test } from "node:test";
import {
  CLIENT_SETTINGS,
  SERVER_SETTINGS,
  chooseInterpreter,
  needsRestart,
  toInitializationOptions,
} from "../src/settings";

const manifest = JSON.parse(readFileSync(resolve(__dirname, "../../package.json"), "utf8"));
const declared: Record<string, { default?: unknown; description?: string }> =
  manifest.contributes.configuration.properties;

test("settings nest into initializationOptions under the keys the server reads", () => {
  const values: Record<string, unknown> = {
    "ai.provider": "remote",
    "ai.remote.baseUrl": "http://127.0.0.1:9/v1",
    "ai.remote.apiKeyEnv": "MY_KEY",
    "graph.url": "postgresql://localhost/test",
    "diagnostics.enabled": false, // client-only: never sent
    "gitops.argo.url": "https://argo:2746",
    "observe.metricsPort": 9464,
  };
  assert.deepEqual(toInitializationOptions((k) => values[k]), {
    ai: { provider: "remote", remote: { base_url: "http://127.0.0.1:9/v1", api_key_env: "MY_KEY" } },
    graph: { url: "postgresql://localhost/test" },
    gitops: { argo: { url: "https://argo:2746" } },
    observe: { metricsPort: 9464 },
  });
});

test("unset settings are left out so the server's defaults apply", () => {
  assert.deepEqual(toInitializationOptions(() => undefined), {});
});

test("every setting in package.json is mapped or client-only, with a description and default", () => {
  const known = new Set([...SERVER_SETTINGS.map((s) => s.key), ...CLIENT_SETTINGS]);
  for (const [key, spec] of Object.entries(declared)) {
    const short = key.replace(/^intheflow\./, "");
    assert.ok(known.has(short), `${key} is declared but neither sent to the server nor used`);
    assert.ok(spec.description && spec.description.length > 10, `${key} needs a description`);
    assert.ok("default" in spec, `${key} needs a default`);
  }
  for (const key of known) {
    assert.ok(`intheflow.${key}` in declared, `intheflow.${key} is used but not declared`);
  }
});

test("a change to a server setting or the interpreter restarts; a client-only one does not", () => {
  assert.equal(needsRestart((s) => s === "intheflow.ai.provider"), true);
  assert.equal(needsRestart((s) => s === "intheflow.server"), true);
  assert.equal(needsRestart((s) => s === "intheflow.trace.server" || s === "intheflow.trace"), false);
  assert.equal(needsRestart((s) => s === "editor.fontSize"), false);
});

test("the interpreter comes from the setting, then the Python extension, then PATH", () => {
  assert.equal(chooseInterpreter(" /opt/py/bin/python ", "/venv/bin/python").command, "/opt/py/bin/python");
  assert.equal(chooseInterpreter("", "/venv/bin/python").command, "/venv/bin/python");
  assert.equal(chooseInterpreter(undefined, undefined).command, "python3");
});
