// `intheflow/chat` with streamed pieces, over the generated protocol types.
import type { CancellationToken } from "vscode-languageclient";
import type { RequestSender } from "./protocol";

export interface ChatContext {
  uri: string;
  languageId: string;
  text: string;
  startLine: number;
  endLine: number;
  selection: boolean;
}

export interface ProgressSource {
  onProgress<P>(type: { readonly __?: P } | unknown, token: string | number, handler: (value: P) => void): {
    dispose(): void;
  };
}

/** Asks the server; `onPiece` gets each streamed piece; resolves with the final text. */
export async function askChat(
  client: RequestSender & ProgressSource,
  question: string,
  context: ChatContext | undefined,
  token: CancellationToken,
  onPiece: (piece: string) => void,
): Promise<string | undefined> {
  const progressToken = `intheflow-chat-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const sub = client.onProgress<{ text?: string }>(undefined, progressToken, (value) => {
    if (value && typeof value.text === "string") onPiece(value.text);
  });
  try {
    const result = await client.sendRequest<{ text: string }>(
      "intheflow/chat",
      { question, context, partialResultToken: progressToken },
      token,
    );
    return result.text;
  } finally {
    sub.dispose();
  }
}
