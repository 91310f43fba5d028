// A bare-socket HTTP client: sends a request line exactly as given (Node's
// own client refuses to send malformed targets), reads the status.
import net from 'node:net';

export interface RawAnswer {
  status: number;
  body: string;
}

/** Sends `METHOD target HTTP/1.1` with the headers to 127.0.0.1:port; resolves with the status and body. */
export function rawRequest(port: number, method: string, target: string, headers: Record<string, string>, body = ''): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to ${method} ${target.slice(0, 80)} within 5 s`));
    }, 5000);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => {}); // a reset after the answer is fine; no answer at all fails below
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      if (!m) return reject(new Error(`no HTTP answer to ${method} ${JSON.stringify(target.slice(0, 80))}: ${JSON.stringify(text.slice(0, 200))}`));
      resolve({ status: Number(m[1]), body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
    const lines = [`${method} ${target} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
    if (body) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
    socket.write(Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`, 'latin1'));
  });
}

/** Ways to spoil a well-formed path: what an attacker tried against every route. */
export function malformedVariants(path: string): string[] {
  const long = 'a'.repeat(300);
  return [
    `${path}%`,
    `${path.replace(/\/[^/]*$/, '')}/%`,
    `${path}\0`,
    `${path}/%`,
    `${path}%zz`,
    `${path}%E0%A4%A`,
    `${path}%C0%AF`,
    `${path}%00`,
    `${path}/%00/x`,
    `${path}?limit=%`,
    `${path}?limit=1%00`,
    `${path}/${long}`,
    `${path.replace(/\/[^/]*$/, '')}/${long}`,
    `${path}/${'x/'.repeat(2000)}`,
    `${path}?${'q'.repeat(5000)}`,
  ];
}
