import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AGENT_TOOLS } from '../../../src/engine/agent/agentTools';

// The README's "Use it from an agent" is how people learn the tools: it names each one.
describe('agent tools in the README', () => {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Use it from an agent'), readme.indexOf('## Problems'));

  it('has the section, with a row for every tool, the generic client and the VS Code configuration', () => {
    assert.ok(section.length > 100, 'no "Use it from an agent" section before "Problems"');
    for (const t of AGENT_TOOLS) assert.match(section, new RegExp(`^\\| \`${t.name}\` \\|`, 'm'), t.name);
    assert.match(section, /"mcpServers": \{\n\s+"aiqk": \{\n\s+"command": "npx",\n\s+"args": \["aiqk", "mcp", "--root"/);
    assert.match(section, /"servers": \{\n\s+"aiqk": \{\n\s+"type": "stdio",/);
  });
});
