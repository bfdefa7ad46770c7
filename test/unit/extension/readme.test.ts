import { strict as assert } from 'node:assert';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECK_CODES } from '../../../src/engine/config/checkProfile';
import { PROFILE_CODES } from '../../../src/engine/config/schemaMessages';
import { DATA_PROBLEM_CODES } from '../../../src/engine/data/problems/problemCodes';
import { findReadme, headingAnchor, readmeSectionPath, readmeSections } from '../../../src/extension/core/readme';

describe('README links of the installed extension', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aiqk-readme-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the README as the package ships it (readme.md) and links every problem code to its heading line', () => {
    // vsce writes the README in lower case into the .vsix.
    copyFileSync('README.md', join(dir, 'readme.md'));
    const readme = findReadme(dir);
    assert.ok(readme);
    assert.equal(readme.file, join(dir, 'readme.md'));
    const lines = readFileSync('README.md', 'utf8').split('\n');
    const codes = [...Object.values(PROFILE_CODES), ...Object.values(CHECK_CODES), ...Object.values(DATA_PROBLEM_CODES)];
    for (const code of codes) {
      const { file, fragment } = readmeSectionPath(readme, code);
      assert.equal(file, readme.file);
      const m = /^L(\d+)$/.exec(fragment);
      assert.ok(m, `${code} has a line fragment, got '${fragment}'`);
      assert.equal(lines[Number(m[1]) - 1], `#### ${code}`, `${code} points at its heading`);
    }
  });

  it('prefers README.md when both spellings exist, and is undefined without one', () => {
    assert.equal(findReadme(dir), undefined);
    assert.equal(findReadme(join(dir, 'missing')), undefined);
    writeFileSync(join(dir, 'Readme.MD'), '# x\n');
    assert.equal(findReadme(dir)?.file, join(dir, 'Readme.MD'));
  });

  it('links an unknown section to the top, and skips headings inside code fences', () => {
    const sections = readmeSections('# AI Quality Kit\n```\n# not a heading\n```\n## Run a profile (CLI)\n');
    assert.deepEqual(
      [...sections],
      [
        ['ai-quality-kit', 1],
        ['run-a-profile-cli', 5],
      ],
    );
    assert.deepEqual(readmeSectionPath({ file: 'r.md', sections }, 'nope'), { file: 'r.md', fragment: '' });
    assert.equal(headingAnchor(' Problems & codes '), 'problems--codes');
  });
});
