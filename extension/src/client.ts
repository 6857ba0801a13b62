// Starts, restarts and stops the language server; shows its state in the status bar.
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  TransportKind,
} from "vscode-languageclient/node";
import { SERVER_ARGS, chooseInterpreter, needsRestart, toInitializationOptions } from "./settings";
import { pythonExtensionInterpreter, onPythonInterpreterChange } from "./python";

const DOCUMENTS: LanguageClientOptions["documentSelector"] = [
  { scheme: "file", language: "python" },
  { scheme: "file", language: "go" },
  { scheme: "file", language: "java" },
  { scheme: "file", language: "rust" },
  { scheme: "file", language: "javascript" },
  { scheme: "file", language: "typescript" },
  { scheme: "file", language: "yaml" },
  { scheme: "file", language: "json" },
  { scheme: "file", language: "cobol" },
  { scheme: "file", pattern: "**/*.{cbl,cob,cpy,CBL,COB,CPY,bpmn,dmn}" },
];

export class ServerController implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly status: vscode.StatusBarItem;
  private readonly changed = new vscode.EventEmitter<LanguageClient | undefined>();
  private readonly disposables: vscode.Disposable[] = [];
  private starting: Promise<void> | undefined;
  /** Fires with the new client after every (re)start, and with undefined when it stops. */
  readonly onDidChangeClient = this.changed.event;

  constructor(readonly log: vscode.LogOutputChannel) {
    this.status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
    this.status.command = "intheflow.showOutput";
    this.setStatus("stopped");
    this.status.show();
    this.disposables.push(
      this.status,
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (needsRestart((section) => e.affectsConfiguration(section))) {
          this.log.info("settings changed; restarting the server");
          void this.restart();
        }
      }),
      onPythonInterpreterChange(() => {
        if (!this.config().get<string>("server.pythonPath")) {
          this.log.info("Python interpreter changed; restarting the server");
          void this.restart();
        }
      }),
    );
  }

  get current(): LanguageClient | undefined {
    return this.client?.state === State.Running ? this.client : undefined;
  }

  /** The running client, starting it if needed; throws with a readable message if it cannot run. */
  async ready(): Promise<LanguageClient> {
    if (!this.current) {
      await this.start();
    }
    if (!this.current) {
      throw new Error("the intheflow server is not running (see the intheflow output)");
    }
    return this.current;
  }

  start(): Promise<void> {
    this.starting ??= this.doStart().finally(() => (this.starting = undefined));
    return this.starting;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) {
      this.changed.fire(undefined);
      try {
        await client.stop(2000);
      } catch (err) {
        this.log.warn(`server did not stop cleanly: ${String(err)}`);
      }
      await client.dispose();
    }
    this.setStatus("stopped");
  }

  private config(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration("intheflow");
  }

  private async doStart(): Promise<void> {
    const config = this.config();
    const folder = vscode.workspace.workspaceFolders?.[0];
    const python = chooseInterpreter(
      config.get<string>("server.pythonPath"),
      await pythonExtensionInterpreter(folder?.uri, this.log),
    );
    this.log.info(`starting ${python.command} ${SERVER_ARGS.join(" ")} (interpreter from ${python.source})`);
    const serverOptions: ServerOptions = {
      command: python.command,
      args: [...SERVER_ARGS],
      transport: TransportKind.stdio,
      options: { cwd: folder?.uri.fsPath },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENTS,
      outputChannel: this.log,
      traceOutputChannel: this.log,
      initializationOptions: toInitializationOptions((key) => config.get(key)),
      middleware: {
        // `intheflow.diagnostics.enabled: false` hides them; read live, no restart needed.
        handleDiagnostics: (uri, diagnostics, next) =>
          next(uri, vscode.workspace.getConfiguration("intheflow").get("diagnostics.enabled", true) ? diagnostics : []),
      },
      initializationFailedHandler: (error) => {
        this.log.error(`initialize failed: ${String(error)}`);
        return false;
      },
    };
    const client = new LanguageClient("intheflow", "intheflow", serverOptions, clientOptions);
    client.onDidChangeState((e) => {
      if (this.client !== client) return; // a client we stopped or replaced
      if (e.newState === State.Running) this.setStatus("running");
      else if (e.newState === State.Starting) this.setStatus("starting");
      else this.setStatus("failed"); // stopped without being asked to
    });
    this.client = client;
    this.setStatus("starting");
    try {
      await client.start();
      this.changed.fire(client);
    } catch (err) {
      if (this.client === client) this.client = undefined;
      void client.dispose().catch(() => undefined);
      this.setStatus("failed");
      const message = `intheflow server failed to start with ${python.command}: ${String(err)}`;
      this.log.error(message);
      void vscode.window
        .showErrorMessage(message, "Open settings", "Show output")
        .then((choice) => {
          if (choice === "Open settings") {
            void vscode.commands.executeCommand("workbench.action.openSettings", "intheflow.server");
          } else if (choice === "Show output") {
            this.log.show();
          }
        });
    }
  }

  private setStatus(state: "starting" | "running" | "stopped" | "failed"): void {
    const look = {
      starting: ["$(sync~spin) intheflow", "starting the intheflow server"],
      running: ["$(pulse) intheflow", "intheflow server running — click for its log"],
      stopped: ["$(circle-slash) intheflow", "intheflow server stopped"],
      failed: ["$(error) intheflow", "intheflow server failed — click for its log"],
    }[state];
    this.status.text = look[0];
    this.status.tooltip = look[1];
    this.status.backgroundColor =
      state === "failed" ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
  }

  dispose(): void {
    void this.stop();
    for (const d of this.disposables) d.dispose();
  }
}
