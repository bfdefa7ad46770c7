import * as assert from 'node:assert/strict';
import { parseTokenFile, parseTokenList, TokenTable } from '../../../src/server/tokens';

describe('team server tokens', () => {
  it('reads role:token pairs and a tokens file, and identifies a caller by token', () => {
    const table = TokenTable.from([
      ...parseTokenList('admin:aaaaaaaaaaaaaaaaaaaa, user:bbbbbbbbbbbbbbbbbbbb'),
      ...parseTokenFile('# team\nuser cccccccccccccccccccc\n\n', 'tokens'),
    ]);
    assert.equal(table.size, 3);
    assert.equal(table.identify('aaaaaaaaaaaaaaaaaaaa')?.role, 'admin');
    assert.equal(table.identify('cccccccccccccccccccc')?.role, 'user');
    assert.notEqual(table.identify('bbbbbbbbbbbbbbbbbbbb')?.id, table.identify('cccccccccccccccccccc')?.id);
    assert.equal(table.identify('aaaaaaaaaaaaaaaaaaab'), undefined);
    assert.equal(table.identify(''), undefined);
    assert.ok(!table.identify('aaaaaaaaaaaaaaaaaaaa')?.id.includes('aaaa'), 'the caller name is not the token');
  });

  it('refuses unknown roles, short or repeated tokens and malformed lines, naming the place and never the token', () => {
    const cases: [() => unknown, RegExp][] = [
      [() => TokenTable.from(parseTokenList('root:aaaaaaaaaaaaaaaaaaaa')), /entry 1: unknown role 'root'/],
      [() => TokenTable.from(parseTokenList('user:short')), /entry 1: the token is shorter than 16/],
      [
        () => TokenTable.from(parseTokenList('user:aaaaaaaaaaaaaaaaaaaa,admin:aaaaaaaaaaaaaaaaaaaa')),
        /entry 2: the same token is given twice/,
      ],
      [() => parseTokenList('aaaaaaaaaaaaaaaaaaaa'), /entry 1 is not role:token/],
      [() => parseTokenFile('user a b\n', 'tokens'), /tokens:1: expected 'role token'/],
    ];
    for (const [run, message] of cases) {
      assert.throws(run, (err: Error) => message.test(err.message) && !/aaaa|short/.test(err.message.replace('shorter', '')));
    }
  });
});
