/**
 * The baseline: Node's own HTTP server answering every request with a constant 200, the ceiling any framework on this
 * machine is measured against. Listens on 127.0.0.1:$PORT and says so on stdout.
 */
import { createServer } from 'node:http';

const BODY = 'ok';
const port = Number(process.env.PORT ?? '0');

const server = createServer((request, response) => {
  // Read (and discard) any body so that keep-alive connections stay usable.
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'text/plain', 'content-length': BODY.length });
    response.end(BODY);
  });
});

server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  console.log(`bare server listening on ${typeof address === 'object' && address ? address.port : port}`);
});

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
