// The result table of a Cypher query, as HTML for a webview panel. Pure.
import { escapeHtml } from "../markdown";
import { isGraphNode, QueryRows } from "./tree";

export function cellText(value: unknown): string {
  if (value === null || value === undefined) {
    return "";
  }
  if (isGraphNode(value)) {
    return `(${value.label} ${value.name ?? value.id})`;
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function renderTable(query: string, result: QueryRows): string {
  const head = result.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = result.rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cellText(cell))}</td>`).join("")}</tr>`)
    .join("\n");
  const count = `${result.rows.length} row${result.rows.length === 1 ? "" : "s"}`;
  return (
    `<p><code>${escapeHtml(query)}</code> — ${count}</p>` +
    `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`
  );
}
