// The engine and memory benchmarks' target: a zero-latency server on 127.0.0.1 with
// keep-alive, answering /ask (the aiqk contract) and /v1/chat/completions (OpenAI
// compatible), run as its own process so it never shares an event loop with the
// client being measured. Prints `port <n>` when listening; exits
// when its stdin closes (the parent died or is done).
import * as http from 'node:http';

const reply = (query) =>
  JSON.stringify({ answer: `An answer to: ${query}`, context: ['A passage the answer used.'], provider: 'bench', model: 'bench-1' });

const chatReply = (messages) =>
  JSON.stringify({
    id: 'bench',
    object: 'chat.completion',
    model: 'bench-1',
    choices: [
      { index: 0, finish_reason: 'stop', message: { role: 'assistant', content: `An answer to: ${messages.at(-1)?.content ?? ''}` } },
    ],
    usage: { prompt_tokens: 10, completion_tokens: 8, total_tokens: 18 },
  });

const server = http.createServer((req, res) => {
  const chat = req.url === '/v1/chat/completions';
  if (req.method !== 'POST' || (req.url !== '/ask' && !chat)) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"detail":"not found"}');
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let parsed;
    try {
      parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end('{"detail":"body must be JSON"}');
      return;
    }
    const body = chat ? chatReply(parsed.messages ?? []) : reply(parsed.query ?? '');
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-source': 'live' });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`port ${server.address().port}\n`);
});
process.stdin.resume();
process.stdin.on('end', () => server.close(() => process.exit(0)));
process.on('SIGTERM', () => process.exit(0));
