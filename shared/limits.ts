/** Limits and close codes shared by server and client. */

/** Largest websocket message the relay accepts; larger ones close that connection (1009). */
export const MAX_COLLAB_MESSAGE_BYTES = 4 * 1024 * 1024;

/** Websocket close codes used by the collaboration relay. */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  /** The message could not be decoded as the y-websocket protocol. */
  unsupportedData: 1003,
  /** The message was larger than MAX_COLLAB_MESSAGE_BYTES (ws sends this itself). */
  messageTooBig: 1009,
  internalError: 1011,
  /** The server is shutting down or busy: the client should reconnect (to another node). */
  tryAgainLater: 1013,
  /** No valid session: log in again. The 44xx range tells the stock provider not to retry. */
  unauthenticated: 4401,
  /** Not allowed on this document, or access ended (logout, revoked membership). */
  forbidden: 4403,
  /** No such document. */
  notFound: 4404,
  /** The user already has the maximum number of open connections. */
  tooManyConnections: 4429,
} as const;

/** Largest JSON body the HTTP API accepts. */
export const MAX_JSON_BODY = '100kb';
