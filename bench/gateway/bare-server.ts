/**
 * The floor: a bare Node TCP server in its own process that answers each
 * line it reads with ~400 bytes (a room's worth of text, then a prompt and
 * telnet's IAC GA, so the bench's load client times it like a MAID answer).
 * No game, no sessions, no link: what the kernel and Node cost per command.
 */
import net from 'node:net';

const ANSWER = Buffer.concat([
  Buffer.from(
    `${'The Town Square\r\nA cobbled square at the heart of town. A fountain splashes in the middle; market stalls line the edges, and a notice board stands by the well. '.padEnd(330, '.')}\r\nExits: north, south, east, west\r\n> `,
    'latin1',
  ),
  Buffer.from([255, 249]),
]);

const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  let pending = '';
  socket.on('data', (chunk: Buffer) => {
    pending += chunk.toString('latin1');
    let at = pending.indexOf('\n');
    while (at >= 0) {
      socket.write(ANSWER);
      pending = pending.slice(at + 1);
      at = pending.indexOf('\n');
    }
  });
  socket.on('error', () => {});
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address() as net.AddressInfo;
  process.send?.({ type: 'listening', port: address.port, pid: process.pid, answerBytes: ANSWER.length });
});
process.on('message', (message: { type: string }) => {
  if (message.type === 'stop') server.close(() => process.exit(0));
});
