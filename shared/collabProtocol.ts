/**
 * Our one extension of the y-websocket protocol, shared by server and client.
 *
 * After the updates a client sent on a connection are durable (or, when they
 * were empty, processed), the server acknowledges them in order with
 * `[messageAuth = 2, WRITE_ACK = 1, count: varUint]`: "the next `count` update
 * messages you sent are safe". The stock WebsocketProvider ignores auth
 * messages whose sub-type is not "permission denied" (0), so stock clients are
 * unaffected; our client uses the acknowledgements to count changes that are
 * not yet safe on the server.
 */
export const MESSAGE_AUTH = 2;
export const WRITE_ACK = 1;
