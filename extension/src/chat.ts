// `intheflow/chat`: pieces stream as `$/progress` on the request's partialResultToken; the result
// holds the whole answer. Works over a LanguageClient or a plain vscode-jsonrpc connection.
import { CancellationToken, Disposable, ProgressType } from "vscode-jsonrpc";
import { ChatContext, ChatResult, RequestSender, request } from "./protocol";

export type { ChatContext } from "./protocol";

/** The value of each streamed `$/progress` (ChatPiece in server/intheflow/protocol/ai.py). */
export interface ChatPiece {
  text: string;
}

export interface ProgressSource {
  onProgress<P>(type: ProgressType<P>, token: string | number, handler: (value: P) => void): Disposable;
}

const pieceType = new ProgressType<ChatPiece>();
let counter = 0;

/** Asks the server; `onPiece` gets each streamed piece in order; resolves with the result. */
export async function askChat(
  client: RequestSender & ProgressSource,
  question: string,
  context: ChatContext | undefined,
  token: CancellationToken | undefined,
  onPiece: (piece: string) => void,
): Promise<ChatResult> {
  const partialResultToken = `intheflow-chat-${process.pid}-${++counter}`;
  const sub = client.onProgress(pieceType, partialResultToken, (value) => {
    if (value && typeof value.text === "string") onPiece(value.text);
  });
  try {
    return await request(client, "intheflow/chat", { question, context, partialResultToken }, token);
  } finally {
    sub.dispose();
  }
}
