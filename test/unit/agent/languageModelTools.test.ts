import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AGENT_TOOLS } from '../../../src/engine/agent/agentTools';
import {
  agentToolNameOf,
  languageModelToolContributions,
  languageModelToolName,
  withEditorToolNames,
} from '../../../src/extension/agentTools/toolContributions';
import { renderPackageJson } from '../../../scripts/genLanguageModelTools.mjs';

// The editor's language-model tools are declared in package.json; they must be the agent tools of `aiqk mcp`.
describe('language-model tools in package.json', () => {
  const text = readFileSync('package.json', 'utf8');
  const pkg = JSON.parse(text) as { contributes: { languageModelTools?: unknown[] }; activationEvents: string[] };

  it('declares exactly the agent tools, in the table order, as the generator writes them', () => {
    assert.deepEqual(pkg.contributes.languageModelTools, languageModelToolContributions());
    assert.equal(renderPackageJson(text), text, 'package.json is out of date: run node --import tsx scripts/genLanguageModelTools.mjs');
  });

  it('gives each tool a valid VS Code name, its input schema, a description for the model and one for people', () => {
    const declared = pkg.contributes.languageModelTools as Record<string, unknown>[];
    assert.equal(declared.length, AGENT_TOOLS.length);
    AGENT_TOOLS.forEach((tool, i) => {
      const entry = declared[i]!;
      assert.equal(entry['name'], `aiqk_${tool.name}`);
      assert.match(String(entry['name']), /^(?!copilot_|vscode_)[\w-]+$/);
      assert.match(String(entry['toolReferenceName']), /^[\w-]+$/);
      assert.equal(entry['canBeReferencedInPrompt'], true);
      assert.deepEqual(entry['inputSchema'], JSON.parse(JSON.stringify(tool.inputSchema)));
      assert.ok(String(entry['userDescription']).length > 20, `${tool.name} has a user description`);
      assert.match(String(entry['icon']), /^\$\([a-z-]+\)$/);
    });
  });

  it('names the other tools by their editor names in the model descriptions', () => {
    const run = languageModelToolContributions().find((c) => c.name === 'aiqk_run_profile')!;
    assert.match(run.modelDescription, /aiqk_validate_profile first/);
    assert.doesNotMatch(run.modelDescription, /(?<!aiqk_)validate_profile/);
    assert.equal(
      withEditorToolNames('use read_report, not my_read_report or read_reports'),
      'use aiqk_read_report, not my_read_report or read_reports',
    );
  });

  it('maps editor names back to agent tools, and nothing else', () => {
    for (const t of AGENT_TOOLS) assert.equal(agentToolNameOf(languageModelToolName(t.name)), t.name);
    assert.equal(agentToolNameOf('run_profile'), undefined);
    assert.equal(agentToolNameOf('aiqk_delete_everything'), undefined);
  });

  it('needs no activation event of its own (VS Code activates on onLanguageModelTool:<name> from the contribution)', () => {
    assert.ok(!pkg.activationEvents.some((e) => e.startsWith('onLanguageModelTool:')));
  });
});
