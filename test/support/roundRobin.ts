import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small round-robin load balancer on loopback, standing in for docker/compose.yml's `lb`
 * (nginx): each request goes to the next replica; one that fails to take the connection is
 * skipped (nginx's proxy_next_upstream on connection errors), and a replica that dies while
 * answering gives that request a 502. Each answer names the replica that served it in
 * `x-upstream`, so tests can tell them apart.
 */

export interface Balancer {
  url: string;
  /** Requests handed to a replica so far: a test kills one once load has really reached them. */
  forwarded(): number;
  close(): Promise<void>;
}

/** Failed before the replica took the connection: safe to send to another replica. */
class NotConnected extends Error {}

function forward(target: URL, req: http.IncomingMessage, body: Buffer): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    let connected = false;
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, connection: 'close' },
        agent: false,
      },
      resolve,
    );
    upstream.once('socket', (socket) => socket.once('connect', () => (connected = true)));
    upstream.once('error', (error) => reject(connected ? error : new NotConnected(error.message)));
    upstream.end(body);
  });
}

/** The whole answer, or a failure when the replica goes away before its end. */
function readAll(answer: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    answer.on('data', (part: Buffer) => parts.push(part));
    answer.once('end', () => resolve(Buffer.concat(parts)));
    // A replica that dies mid-answer makes the answer emit 'error' (ECONNRESET, "aborted").
    answer.once('error', reject);
  });
}

export async function startBalancer(upstreams: string[]): Promise<Balancer> {
  let next = 0;
  let forwarded = 0;
  const relay = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const first = next++;
    for (let tried = 0; tried < upstreams.length; tried += 1) {
      const index = (first + tried) % upstreams.length;
      let answer: http.IncomingMessage;
      try {
        forwarded += 1;
        answer = await forward(new URL(upstreams[index]!), req, body);
      } catch (error) {
        if (error instanceof NotConnected) continue;
        break;
      }
      try {
        const whole = await readAll(answer);
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-upstream': String(index) });
        res.end(whole);
      } catch {
        break;
      }
      return;
    }
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errors: [{ message: 'No replica answered.', extensions: { code: 'BAD_GATEWAY' } }] }));
  };
  const server = http.createServer((req, res) => void relay(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    forwarded: () => forwarded,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
