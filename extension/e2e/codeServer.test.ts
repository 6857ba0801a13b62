// Browser end to end: the packaged .vsix in code-server under headless Chromium (Playwright),
// with the real Python server and a scripted OpenAI-compatible model. Sees an intheflow
// diagnostic in the Problems panel and a streamed chat answer in the Chat view.
import assert from "node:assert/strict";
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { Browser, Page, chromium } from "playwright-core";
import { REPO, ScriptedModel, scriptedModel, venvPython } from "../test/harness";

const EXTENSION = resolve(__dirname, "../..");
// Installed by scripts/install-code-server.sh (npm pretest) into the same folder it picks.
const CODE_SERVER_DIR =
  process.env.INTHEFLOW_CODE_SERVER_DIR ??
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "intheflow", "code-server-4.100.3");
const CODE_SERVER = join(CODE_SERVER_DIR, "node_modules/.bin/code-server");
const CHROMIUM = "/usr/bin/chromium";

let tmp: string;
let model: ScriptedModel;
let server: ChildProcess;
let browser: Browser;
let page: Page;
let serverLog = "";

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
    s.on("error", fail);
  });
}

before(async () => {
  assert.ok(existsSync(CODE_SERVER), `${CODE_SERVER} missing: run extension/scripts/install-code-server.sh`);
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} missing: install the Debian package chromium`);
  tmp = mkdtempSync(join(tmpdir(), "intheflow-cs-"));
  const workspace = join(tmp, "payments");
  cpSync(join(REPO, "examples/payments"), workspace, { recursive: true, filter: (p) => !p.includes(".intheflow") });
  writeFileSync(join(workspace, "processes/broken.process.json"), '{"id": "broken", "elements": [\n');
  model = await scriptedModel(["The answer is ", "**forty-two**, from ", "the scripted model."], 50);
  const userData = join(tmp, "user-data");
  mkdirSync(join(userData, "User"), { recursive: true });
  writeFileSync(
    join(userData, "User/settings.json"),
    JSON.stringify({
      "intheflow.server.pythonPath": venvPython(),
      "intheflow.ai.provider": "remote",
      "intheflow.ai.remote.baseUrl": model.baseUrl,
      "intheflow.ai.rag.enabled": false,
      "intheflow.graph.url": ":memory:",
      "workbench.startupEditor": "none",
      "security.workspace.trust.enabled": false,
      "telemetry.telemetryLevel": "off",
      "extensions.autoUpdate": false,
    }),
  );
  const common = ["--extensions-dir", join(tmp, "extensions"), "--user-data-dir", userData];
  execFileSync(CODE_SERVER, [...common, "--install-extension", join(EXTENSION, "intheflow.vsix")], { stdio: "pipe" });
  const port = await freePort();
  server = spawn(
    CODE_SERVER,
    [...common, "--auth", "none", "--bind-addr", `127.0.0.1:${port}`, "--disable-telemetry", "--disable-update-check", workspace],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, HOME: tmp } },
  );
  server.stdout!.on("data", (d: Buffer) => (serverLog += d.toString()));
  server.stderr!.on("data", (d: Buffer) => (serverLog += d.toString()));
  for (let i = 0; !serverLog.includes("HTTP server listening"); i++) {
    assert.ok(i < 300, `code-server did not start:\n${serverLog}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
  await page.waitForSelector(".monaco-workbench", { timeout: 120000 });
  // The extension reports a running server in the status bar.
  await page.locator(".statusbar-item", { hasText: "intheflow" }).first().waitFor({ timeout: 120000 });
});

after(async () => {
  await browser?.close();
  server?.kill();
  await model?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test("opening a broken process file shows the intheflow diagnostic in Problems", async () => {
  await page.keyboard.press("Control+P");
  await page.keyboard.type("broken.process.json");
  await page.locator(".quick-input-list .monaco-list-row").first().click();
  await page.locator("#status\\.problems").click();
  const problems = page.locator(".markers-panel");
  await problems.getByText(/broken JSON/).first().waitFor({ timeout: 120000 });
  assert.match(await problems.innerText(), /process-json/);
});

test("the Chat view streams the scripted model's answer", async () => {
  await page.locator('.activitybar [aria-label^="intheflow"]').first().click();
  const chat = page.frameLocator("iframe.webview.ready").first().frameLocator("#active-frame");
  await chat.locator("#question").fill("What is the answer?");
  await chat.locator("#send").click();
  const answer = chat.locator(".answer").last();
  await answer.getByText(/scripted model/).waitFor({ timeout: 120000 });
  assert.match(await answer.innerHTML(), /<strong>forty-two<\/strong>/);
  const asked = JSON.stringify(model.requests.filter((r) => r.path === "/chat/completions"));
  assert.match(asked, /What is the answer\?/);
});

test("the Knowledge view lists the indexed services; expanding one shows its components", async () => {
  const view = page.locator(".pane", { hasText: "Knowledge" });
  const service = view.locator(".monaco-list-row", { hasText: "payments-api" });
  await service.first().waitFor({ timeout: 120000 });
  await service.first().locator(".monaco-tl-twistie").click(); // expand (a click on the label opens the file)
  await view.locator(".monaco-list-row", { hasText: "gateway.py" }).first().waitFor({ timeout: 60000 });
});
