import http from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';
import './probe.ts';

/**
 * The reference y-websocket server (`@y/websocket-server`, Yjs 13) as its
 * own `server.js` starts it — in memory, no persistence (the stock default),
 * no authentication — only on 127.0.0.1 and the port the orchestrator chose.
 */
const port = Number(process.env.PORT);
const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  response.end('okay');
});
wss.on('connection', setupWSConnection);
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
server.listen(port, '127.0.0.1', () => process.stderr.write(`reference y-websocket server on ${port}\n`));
// Exit normally on SIGTERM, so that a diagnostic run's --cpu-prof is written.
process.on('SIGTERM', () => process.exit(0));
