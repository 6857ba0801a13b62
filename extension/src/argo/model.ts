// The Argo panel's tree, as plain data built from the server's answers (no vscode import, so it is
// unit-tested). The server does the work; this only arranges what it returns for display.
import type {
  AnalysisRunInfo,
  AppInfo,
  AppsResult,
  AttemptsResult,
  HealingInfo,
  RolloutsResult,
  TriageReportInfo,
  WorkflowInfo,
  WorkflowsResult,
} from "../protocol";

export type ArgoNodeKind =
  | "section"
  | "workflow"
  | "step"
  | "healing"
  | "attempt"
  | "app"
  | "run"
  | "measurement"
  | "message";

export interface ArgoNode {
  readonly kind: ArgoNodeKind;
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  /** ThemeIcon id. */
  readonly icon: string;
  /** Children known up front (sections are filled in by the panel). */
  readonly children?: ArgoNode[];
  /** What actions apply (the panel's context value): workflow name, app name, rollout name. */
  readonly target?: string;
  readonly step?: string;
}

export const SECTIONS: readonly ArgoNode[] = [
  { kind: "section", id: "pipelines", label: "Pipelines", icon: "rocket" },
  { kind: "section", id: "healing", label: "Self-healing", icon: "wand" },
  { kind: "section", id: "apps", label: "Deployments (Argo CD)", icon: "cloud-upload" },
  { kind: "section", id: "rollouts", label: "Rollouts analysis", icon: "graph-line" },
];

export function phaseIcon(phase: string): string {
  switch (phase) {
    case "Succeeded":
    case "Successful":
    case "Healthy":
    case "Synced":
      return "pass";
    case "Failed":
    case "Error":
    case "Degraded":
      return "error";
    case "Running":
    case "Pending":
    case "Progressing":
      return "sync";
    case "Inconclusive":
    case "OutOfSync":
      return "warning";
    default:
      return "circle-outline";
  }
}

function message(id: string, text: string, icon = "info"): ArgoNode {
  return { kind: "message", id, label: text, icon };
}

/** Workflows → steps; an unconfigured server or an error becomes one explanatory line. */
export function workflowNodes(result: WorkflowsResult): ArgoNode[] {
  if (!result.configured) {
    return [message("pipelines/off", "No Argo server: set intheflow.gitops.argo.url or ARGO_SERVER")];
  }
  if (result.error) return [message("pipelines/error", result.error, "error")];
  const workflows = result.workflows ?? [];
  if (workflows.length === 0) {
    const of = result.service ? ` for ${result.service}` : "";
    return [message("pipelines/none", `No pipeline workflows${of} yet`)];
  }
  return workflows.map((wf) => workflowNode(wf));
}

function workflowNode(wf: WorkflowInfo): ArgoNode {
  return {
    kind: "workflow",
    id: `wf/${wf.name}`,
    label: wf.name,
    description: [wf.service, wf.phase].filter(Boolean).join(" · "),
    tooltip: wf.message || wf.phase,
    icon: phaseIcon(wf.phase),
    target: wf.name,
    children: (wf.steps ?? []).map((s) => ({
      kind: "step" as const,
      id: `wf/${wf.name}/${s.name}`,
      label: s.name,
      description: s.phase,
      tooltip: s.message || s.phase,
      icon: phaseIcon(s.phase),
      target: wf.name,
      step: s.name,
    })),
  };
}

export function healingNodes(result: AttemptsResult): ArgoNode[] {
  if (result.records.length === 0) return [message("healing/none", "No self-healing attempts recorded")];
  return result.records.map((r) => healingNode(r));
}

function healingNode(r: HealingInfo): ArgoNode {
  return {
    kind: "healing",
    id: `heal/${r.workflow}`,
    label: r.workflow,
    description: r.finalPhase ? `→ ${r.finalWorkflow ?? ""} ${r.finalPhase}` : "in progress",
    icon: phaseIcon(r.finalPhase ?? ""),
    target: r.workflow,
    children: (r.attempts ?? []).map((a) => {
      const params = Object.entries(a.parameters ?? {}).map(([k, v]) => `${k}=${v}`).join(", ");
      const what = params || a.fixKind || "-";
      const refused = a.outcome === "refused" ? ` — refused: ${(a.rules ?? []).join("; ")}` : "";
      return {
        kind: "attempt" as const,
        id: `heal/${r.workflow}/${a.number}`,
        label: `#${a.number} ${a.step}: ${what}`,
        description: a.resultPhase ? `${a.outcome} → ${a.resultPhase}` : a.outcome,
        tooltip: `${a.diagnosis ?? ""}${refused}${a.detail ? `\n${a.detail}` : ""}`,
        icon: a.outcome === "refused" ? "circle-slash" : phaseIcon(a.resultPhase ?? ""),
        target: a.resultWorkflow || r.workflow,
      };
    }),
  };
}

export function appNodes(result: AppsResult): ArgoNode[] {
  if (!result.configured) {
    return [message("apps/off", "No Argo CD server: set intheflow.gitops.argocd.url or ARGOCD_SERVER")];
  }
  if (result.error) return [message("apps/error", result.error, "error")];
  return (result.apps ?? []).map((a: AppInfo) => ({
    kind: "app" as const,
    id: `app/${a.name}`,
    label: a.name,
    description: `${a.sync} · ${a.health}`,
    tooltip: [a.repo, a.path, a.operationMessage].filter(Boolean).join("\n"),
    icon: phaseIcon(a.health === "Healthy" ? a.sync : a.health),
    target: a.name,
  }));
}

export function runNodes(result: RolloutsResult): ArgoNode[] {
  if (!result.configured) {
    return [message("runs/off", "No Kubernetes access: set intheflow.gitops.kubeconfig or KUBECONFIG")];
  }
  if (result.error) return [message("runs/error", result.error, "error")];
  return (result.runs ?? []).map((r: AnalysisRunInfo) => ({
    kind: "run" as const,
    id: `run/${r.name}`,
    label: r.name,
    description: `${r.rollout} · ${r.phase}`,
    tooltip: r.message || r.phase,
    icon: phaseIcon(r.phase),
    target: r.rollout,
    children: (r.measurements ?? []).map((m, i) => ({
      kind: "measurement" as const,
      id: `run/${r.name}/${i}`,
      label: m.metric,
      description: `${m.phase} ${m.value ?? ""}`.trim(),
      icon: phaseIcon(m.phase),
    })),
  }));
}

/** A triage report as Markdown (shown in a preview; links open the code). */
export function triageMarkdown(report: TriageReportInfo): string {
  const lines = [
    `# ${report.alert} on ${report.service}`,
    "",
    `Owner: **${report.owner || "unknown"}** · summary (${report.summaryBy}): ${report.summary}`,
    "",
  ];
  for (const cause of report.causes ?? []) {
    const where = cause.uri ? ` — [${cause.uri.split("/").pop()}:${(cause.line ?? 0) + 1}](${cause.uri}#L${(cause.line ?? 0) + 1})` : "";
    lines.push(`## ${cause.rank}. ${cause.title}${where}`, "");
    lines.push(`Score ${cause.score} · owner ${cause.owner || "unknown"}`, "");
    for (const e of cause.evidence ?? []) lines.push(`- *${e.kind}*: ${e.text}${e.ref ? ` (\`${e.ref}\`)` : ""}`);
    if ((cause.rules ?? []).length) lines.push(`- *rules*: ${(cause.rules ?? []).join(", ")}`);
    lines.push("");
  }
  for (const note of report.notes ?? []) lines.push(`> ${note}`);
  return lines.join("\n");
}
