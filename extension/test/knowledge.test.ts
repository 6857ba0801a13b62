import assert from "node:assert/strict";
import { test } from "node:test";
import { renderTable } from "../src/knowledge/table";
import { childLabel, childQuery, displayName, nodeLocation, nodesFromRows } from "../src/knowledge/tree";

const svc = { id: "service:payments", label: "Service", name: "payments", props: { owner: "team-pay" } };
const comp = { id: "component:services/payments/fees.py#compute_fee", label: "CodeComponent", name: "compute_fee", props: {} };

test("nodes are taken from any cell, deduplicated, in row order", () => {
  const nodes = nodesFromRows({ columns: ["s", "c", "n"], rows: [[svc, comp, 3], [svc, "x", null]] });
  assert.deepEqual(nodes.map((n) => n.id), [svc.id, comp.id]);
});

test("levels go service -> component -> process -> rule; rules are leaves", () => {
  assert.equal(childLabel("Service"), "CodeComponent");
  assert.equal(childLabel("CodeComponent"), "BusinessProcess");
  assert.equal(childLabel("BusinessProcess"), "Rule");
  assert.equal(childLabel("Rule"), undefined);
  assert.equal(childLabel("Term"), undefined);
  const q = childQuery(svc);
  assert.ok(q && q.query.includes("(m:CodeComponent)") && q.params.id === svc.id);
});

test("a node's location comes from its props, else from its id", () => {
  assert.deepEqual(nodeLocation(comp), { path: "services/payments/fees.py", line: 0 });
  assert.deepEqual(
    nodeLocation({ id: "process:p1", label: "BusinessProcess", name: "p1", props: { path: "bpmn/p1.bpmn", line: 4 } }),
    { path: "bpmn/p1.bpmn", line: 4 },
  );
  assert.equal(nodeLocation(svc), undefined);
});

test("the result table escapes cells and shows nodes by label and name", () => {
  const html = renderTable("MATCH (s) RETURN s", { columns: ["s", "n"], rows: [[svc, "<b>"]] });
  assert.match(html, /<th>s<\/th><th>n<\/th>/);
  assert.match(html, /\(Service payments\)/);
  assert.match(html, /&lt;b&gt;/);
  assert.match(html, /1 row</);
});

test("a `source` column gives the row's node its file", () => {
  const process = { id: "process:charge", label: "BusinessProcess", name: "charge", props: {} };
  const [node] = nodesFromRows({ columns: ["m", "name", "source"], rows: [[process, "charge", "processes/charge.bpmn"]] });
  assert.equal(node.source, "processes/charge.bpmn");
  assert.deepEqual(nodeLocation(node), { path: "processes/charge.bpmn", line: 0 });
});

test("file components are labelled by file name, others by their graph name", () => {
  const file = { id: "component:services/api/payments_api/gateway.py", label: "CodeComponent", name: "services.api.payments_api.gateway", props: {} };
  assert.equal(displayName(file), "gateway.py");
  assert.equal(displayName(comp), "compute_fee");
  assert.equal(displayName(svc), "payments");
});
