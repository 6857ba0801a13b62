// The graph requests the extension uses, over the generated protocol types.
import type { CancellationToken } from "vscode-languageclient";
import type { RequestSender } from "./protocol";
import type { QueryRows } from "./knowledge/tree";

export async function graphQuery(
  client: RequestSender,
  query: string,
  params: Record<string, unknown> = {},
  token?: CancellationToken,
): Promise<QueryRows> {
  return client.sendRequest<QueryRows>("intheflow/graphQuery", { query, params }, token);
}

/** Markdown explaining the symbol at a position: its node, rules, processes and owners. */
export async function explainAt(
  client: RequestSender,
  uri: string,
  position: { line: number; character: number },
): Promise<string> {
  const result = await client.sendRequest<{ markdown: string }>("intheflow/explain", {
    textDocument: { uri },
    position: { line: position.line, character: position.character },
  });
  return result.markdown;
}
