import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { COMMANDS, INTERNAL_COMMANDS } from '../../../src/extension/core/constants';

// The commands' contract with package.json, checked without VS Code. The
// integration suite "activation" checks what activation actually registers.

interface Manifest {
  contributes: { commands: { command: string }[]; menus: Record<string, { command?: string }[]> };
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Manifest;
const contributed = manifest.contributes.commands.map((c) => c.command);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

describe('extension commands', () => {
  it('contributes every command of COMMANDS but the internal ones, and no other', () => {
    const ours = Object.values(COMMANDS).filter((id) => !INTERNAL_COMMANDS.includes(id));
    assert.deepEqual([...contributed].sort(), [...ours].sort());
    assert.equal(new Set(contributed).size, contributed.length, 'no command is contributed twice');
    for (const id of INTERNAL_COMMANDS) assert.ok(!contributed.includes(id), `${id} is internal: not in package.json`);
  });

  it('puts only contributed commands in menus', () => {
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
      for (const item of items) if (item.command) assert.ok(contributed.includes(item.command), `${menu}: ${item.command} is contributed`);
    }
  });

  it('registers commands only through the command manager', () => {
    const direct = sourceFiles('src')
      .filter((f) => f !== path.join('src', 'extension', 'core', 'commandManager.ts'))
      .filter((f) => /\bregister(TextEditor)?Command\(/.test(readFileSync(f, 'utf8')));
    assert.deepEqual(direct, []);
  });
});
