import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";

const root = resolve(__dirname, "../..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

function sources(dir: string): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? readFileSync(join(dir, e.name), "utf8") : ""))
    .join("\n");
}

test("every command in package.json is registered in the code and vice versa", () => {
  const code = sources(join(root, "src"));
  const registered = new Set([...code.matchAll(/registerCommand\(\s*[`"]([\w.]+)[`"]/g)].map((m) => m[1]));
  for (const t of ["Rust", "Java", "Go"]) registered.add(`intheflow.transpileCobolTo${t}`);
  const declared = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
  assert.deepEqual([...declared].filter((c) => !registered.has(c as string)), []);
  assert.deepEqual([...registered].filter((c) => !declared.has(c)), []);
});

test("the extension sends no telemetry and phones nowhere", () => {
  const code = sources(join(root, "src"));
  assert.ok(!/telemetry/i.test(code.replace(/no telemetry/gi, "")));
  assert.ok(!("@vscode/extension-telemetry" in (manifest.dependencies ?? {})));
});

test("the .vsix (built by pretest) holds the bundle, the manifest and the chat assets", () => {
  // Zip entries keep their names uncompressed in the local headers.
  const vsix = readFileSync(join(root, "intheflow.vsix")).toString("latin1");
  for (const entry of ["extension/dist/extension.js", "extension/package.json", "extension/media/chat.js"]) {
    assert.ok(vsix.includes(entry), `${entry} missing from intheflow.vsix`);
  }
  assert.ok(!vsix.includes("extension/src/"), "sources must not be packaged");
});

test("the bundle needs nothing at run time but vscode and node's own modules", () => {
  const bundle = readFileSync(join(root, "dist", "extension.js"), "utf8");
  const builtins = new Set(require("node:module").builtinModules as string[]);
  const required = [...bundle.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1].replace(/^node:/, ""));
  assert.deepEqual(required.filter((r) => r !== "vscode" && !builtins.has(r)), []);
});

test("custom methods are called only through the typed helpers of protocol.ts", () => {
  const code = readdirSync(join(root, "src"), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith("protocol.ts") && !f.endsWith("protocol.generated.ts"))
    .map((f) => readFileSync(join(root, "src", f), "utf8"))
    .join("\n");
  assert.deepEqual(code.match(/send(Request|Notification)\(\s*["'`]intheflow\//g) ?? [], []);
});
