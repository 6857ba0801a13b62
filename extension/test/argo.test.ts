// The Argo panel's tree model: what the server returns, arranged for display.
import assert from "node:assert/strict";
import { test } from "node:test";
import { appNodes, healingNodes, phaseIcon, runNodes, triageMarkdown, workflowNodes } from "../src/argo/model";

test("workflows become nodes with their steps; unconfigured and errors become one line", () => {
  const [wf] = workflowNodes({
    configured: true,
    workflows: [{ name: "payments-api-ci-x1", phase: "Failed", service: "payments-api",
      steps: [{ name: "build", phase: "Succeeded" }, { name: "unit-tests", phase: "Failed", message: "exit 1" }] }],
  });
  assert.equal(wf.kind, "workflow");
  assert.equal(wf.description, "payments-api · Failed");
  assert.equal(wf.icon, "error");
  assert.deepEqual(wf.children?.map((s) => [s.label, s.icon, s.step, s.target]), [
    ["build", "pass", "build", "payments-api-ci-x1"],
    ["unit-tests", "error", "unit-tests", "payments-api-ci-x1"],
  ]);
  assert.match(workflowNodes({ configured: false })[0].label, /No Argo server/);
  assert.equal(workflowNodes({ configured: true, service: "ledger" })[0].label, "No pipeline workflows for ledger yet");
  assert.equal(workflowNodes({ configured: true, error: "GET http://argo/api returned HTTP 401" })[0].icon, "error");
});

test("healing attempts show the fix, the refusing rule and the result", () => {
  const [record] = healingNodes({ records: [{ workflow: "wf-1", started: "t", finalPhase: "Succeeded", finalWorkflow: "wf-1-b",
    attempts: [
      { number: 1, at: "t", step: "unit-tests", outcome: "refused", parameters: { "test-args": "--deselect x" },
        rules: ["no-skipping-tests: fixes must not skip or deselect tests"] },
      { number: 2, at: "t", step: "unit-tests", outcome: "applied", parameters: { "test-timeout": "1800" },
        resultWorkflow: "wf-1-b", resultPhase: "Succeeded" },
    ] }] });
  assert.equal(record.description, "→ wf-1-b Succeeded");
  const [refused, applied] = record.children ?? [];
  assert.equal(refused.label, "#1 unit-tests: test-args=--deselect x");
  assert.equal(refused.icon, "circle-slash");
  assert.match(refused.tooltip ?? "", /refused: no-skipping-tests/);
  assert.equal(applied.description, "applied → Succeeded");
  assert.equal(applied.target, "wf-1-b");
});

test("apps, analysis runs and triage reports", () => {
  assert.equal(appNodes({ configured: true, apps: [{ name: "ledger", sync: "OutOfSync", health: "Healthy" }] })[0].icon, "warning");
  const [run] = runNodes({ configured: true, runs: [{ name: "r-1", rollout: "ledger", phase: "Failed",
    measurements: [{ metric: "success-rate", phase: "Failed", value: "[0.93]" }] }] });
  assert.equal(run.target, "ledger");
  assert.equal(run.children?.[0].description, "Failed [0.93]");
  assert.equal(phaseIcon("Running"), "sync");
  const md = triageMarkdown({ alert: "HighErrorRate", service: "payments-api", summary: "s", summaryBy: "template",
    owner: "team-payments", causes: [{ rank: 1, title: "TimeoutError in charge", score: 27,
      uri: "file:///w/services/payments-api/payments_api/gateway.py", line: 33,
      evidence: [{ kind: "log", text: "6 error log(s)" }] }] });
  assert.match(md, /## 1\. TimeoutError in charge — \[gateway\.py:34\]\(file:\/\/\/w\/.*gateway\.py#L34\)/);
  assert.match(md, /- \*log\*: 6 error log\(s\)/);
});
