// Typed access to the custom `intheflow/*` methods. The types come from
// protocol.generated.ts (generated from shared/schemas/methods), so a schema change that the
// extension does not follow fails `tsc --strict`.
import type { CancellationToken } from "vscode-languageclient";
import type { NotificationTypes, RequestTypes } from "./protocol.generated";

export { Methods } from "./protocol.generated";
export type * from "./protocol.generated";

export type RequestMethod = keyof RequestTypes;
export type Params<M extends RequestMethod> = RequestTypes[M]["params"];
export type Result<M extends RequestMethod> = RequestTypes[M]["result"];
export type NotificationMethod = keyof NotificationTypes;

/** The subset of a language client (or a plain JSON-RPC connection) these helpers need. */
export interface RequestSender {
  sendRequest<R>(method: string, params: unknown, token?: CancellationToken): Promise<R>;
  sendRequest<R>(method: string, params: unknown): Promise<R>;
}

export interface NotificationReceiver {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  onNotification(method: string, handler: (...params: any[]) => void): { dispose(): void };
}

export function request<M extends RequestMethod>(
  client: RequestSender,
  method: M,
  params: Params<M>,
  token?: CancellationToken,
): Promise<Result<M>> {
  // An explicit `undefined` token would travel as a second positional parameter.
  return token
    ? client.sendRequest<Result<M>>(method, params, token)
    : client.sendRequest<Result<M>>(method, params);
}

export function onNotification<M extends NotificationMethod>(
  client: NotificationReceiver,
  method: M,
  handler: (params: NotificationTypes[M]["params"]) => void,
): { dispose(): void } {
  return client.onNotification(method, (params: NotificationTypes[M]["params"]) => handler(params));
}
