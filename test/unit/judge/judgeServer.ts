// A real OpenAI-compatible chat completions server for judge tests: it answers
// every grade with the content `grade` returns for the request it received.
import type { CannedReply, SeenRequest, TestServer } from '../suites/ragHelpers';
import { startServer } from '../suites/ragHelpers';

/** The parts of a chat completion request a test looks at. */
export interface ChatRequest {
  model: string;
  temperature: number;
  stream: boolean;
  messages: { role: string; content: string }[];
}

/** Starts a judge server: `grade` gets the parsed request and returns the message content, or a full reply. */
export function startJudgeServer(grade: (req: ChatRequest, seen: SeenRequest) => string | CannedReply): Promise<TestServer> {
  return startServer((seen) => {
    if (seen.method !== 'POST' || seen.url !== '/v1/chat/completions') return { status: 404, json: { error: { message: 'not found' } } };
    const req = JSON.parse(seen.body) as ChatRequest;
    const out = grade(req, seen);
    if (typeof out !== 'string') return out;
    return {
      json: {
        id: 'cmpl-1',
        object: 'chat.completion',
        model: req.model,
        choices: [{ index: 0, message: { role: 'assistant', content: out }, finish_reason: 'stop' }],
      },
    };
  });
}
