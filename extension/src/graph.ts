// The graph requests the extension uses (`intheflow/graphQuery`, `intheflow/explain`).
import type { CancellationToken } from "vscode-jsonrpc";
import { GraphQueryResult, RequestSender, request } from "./protocol";

export function graphQuery(
  client: RequestSender,
  query: string,
  params: Record<string, unknown> = {},
  token?: CancellationToken,
): Promise<GraphQueryResult> {
  return request(client, "intheflow/graphQuery", { query, params }, token);
}

/** Markdown explaining the symbol at a position: its node, rules, processes, owners. */
export async function explainAt(
  client: RequestSender,
  uri: string,
  position: { line: number; character: number },
): Promise<string> {
  const result = await request(client, "intheflow/explain", {
    textDocument: { uri },
    position: { line: position.line, character: position.character },
  });
  if (!result.found) {
    return "No symbol of the knowledge graph under the cursor (is the workspace indexed?).";
  }
  return result.markdown ?? "";
}
