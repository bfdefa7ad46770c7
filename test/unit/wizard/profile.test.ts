import { strict as assert } from 'node:assert';
import { parseProfile } from '../../../src/engine/config/loadProfile';
import type { WizardAnswers } from '../../../src/engine/wizard/answers';
import { emptyAnswers } from '../../../src/engine/wizard/answers';
import { buildProfile } from '../../../src/engine/wizard/buildProfile';
import { maskSecretsInText, maskSecretsInYaml, SECRET_MASK } from '../../../src/engine/secrets/maskSecrets';
import { newProfileYaml, ProfileYamlError, updateProfileYaml } from '../../../src/engine/wizard/profileYaml';
import { answersFromProfile } from '../../../src/engine/wizard/readProfile';

function valid(text: string): unknown {
  const parsed = parseProfile(text, 'aiqk.yaml');
  const errors = parsed.problems.filter((p) => p.severity === 'error');
  assert.deepEqual(
    errors.map((p) => p.message),
    [],
    text,
  );
  return parsed.value;
}

const base = emptyAnswers();
const variants: [string, WizardAnswers][] = [
  [
    'the demo',
    {
      ...base,
      mode: 'builtin',
      suites: ['rag_quality', 'red_team', 'safety'],
      thresholds: { faithfulness_min: 0.8, context_recall_min: 0.8, toxicity_max: 0 },
    },
  ],
  [
    'an OpenAI-compatible server with a key',
    {
      ...base,
      mode: 'api',
      baseUrl: 'http://127.0.0.1:11434/v1',
      protocol: 'openai',
      model: 'llama3.1',
      authEnv: 'OPENAI_API_KEY',
      suites: ['rag_quality', 'performance'],
    },
  ],
  [
    'an /ask API with provider and model',
    {
      ...base,
      mode: 'api',
      baseUrl: 'http://localhost:8000',
      protocol: 'aiqk',
      provider: 'openai',
      model: 'gpt-4o-mini',
      suites: ['regression'],
    },
  ],
  [
    'a custom HTTP template',
    {
      ...base,
      mode: 'api',
      baseUrl: 'https://x.example.com',
      protocol: 'http',
      http: { method: 'POST', path: '/chat', body: '{"q": "{{question}}"}', answerPath: '$.answer', contextsPath: '$.ctx[*]' },
      suites: ['safety'],
    },
  ],
  [
    'an MCP command',
    {
      ...base,
      mode: 'mcp',
      mcp: { command: 'node', args: ['server.js'] },
      mcpTool: { tool: 'search', arguments: { query: '{{question}}' } },
      suites: ['rag_quality'],
    },
  ],
  [
    'an MCP URL with a key',
    { ...base, mode: 'mcp', mcp: { url: 'http://127.0.0.1:3000/mcp' }, authEnv: 'MCP_TOKEN', suites: ['red_team'] },
  ],
  [
    'every suite with options and data',
    {
      ...base,
      mode: 'api',
      baseUrl: 'http://127.0.0.1:8000',
      protocol: 'aiqk',
      suites: ['rag_quality', 'red_team', 'safety', 'performance', 'regression', 'resilience', 'compliance_smoke', 'bias_smoke'],
      volumePreset: 'red_team_heavy',
      volumes: { concurrency: 8 },
      useDefaults: false,
      data: { passages: 'data/p.jsonl', qaset: 'data/q.jsonl', attacks: 'data/a.txt' },
      resilience: { scenarios: ['timeout'], retries: 2 },
      compliance: { protected_routes: ['/admin'] },
      bias: { groups: 'rich|poor', parityMetric: 'length', maxPairs: 3, parityThreshold: 0.3 },
    },
  ],
];

describe('wizard: profiles from answers', () => {
  for (const [name, answers] of variants) {
    it(`builds a schema-valid profile for ${name}, and reads the same answers back`, () => {
      const profile = buildProfile(answers);
      const value = valid(newProfileYaml(profile));
      const again = answersFromProfile(value, 'aiqk.yaml');
      assert.deepEqual(buildProfile(again), profile, 'answers → profile → answers → the same profile');
    });
  }

  it('writes only the NAME of a secret, and no key of another mode', () => {
    const p = buildProfile({
      ...base,
      mode: 'api',
      baseUrl: 'http://h:1',
      protocol: 'openai',
      authEnv: 'OPENAI_API_KEY',
      provider: 'x',
      suites: ['safety'],
    });
    assert.deepEqual(p.target, { mode: 'api', base_url: 'http://h:1', protocol: 'openai', auth: { bearer_env: 'OPENAI_API_KEY' } });
    const demo = buildProfile({ ...base, mode: 'builtin', baseUrl: 'http://h:1', authEnv: 'X', model: 'm', suites: ['safety'] });
    assert.deepEqual(demo.target, { mode: 'builtin' });
  });

  it('keeps what the wizard does not manage when editing, and drops what no longer applies', () => {
    const existing = {
      version: 1,
      target: {
        mode: 'api',
        base_url: 'http://old:1',
        protocol: 'openai',
        model: 'm',
        system_prompt: 'Be brief.',
        timeout_ms: 5000,
        auth: { bearer_env: 'K', header: 'X-Key' },
      },
      suites: ['rag_quality'],
      judge: { base_url: 'http://judge', model: 'j' },
      report: { dir: 'out', formats: ['json'] },
      shard: { index: 1, total: 2 },
      suite_options: { red_team: { canary: 'c' }, resilience: { retries: 4 } },
      thresholds: { f1_min: 0.4 },
    };
    const answers = answersFromProfile(existing, 'aiqk.yaml');
    assert.equal(answers.authEnv, 'K');
    const p = buildProfile({ ...answers, baseUrl: 'http://new:2', suites: ['rag_quality', 'red_team'] }, existing);
    assert.equal(p.target.base_url, 'http://new:2');
    assert.equal(p.target.system_prompt, 'Be brief.');
    assert.equal(p.target.timeout_ms, 5000);
    assert.deepEqual(p.target.auth, { bearer_env: 'K', header: 'X-Key' });
    assert.deepEqual(p.judge, existing.judge);
    assert.deepEqual(p.report, existing.report);
    assert.deepEqual(p.shard, existing.shard);
    assert.deepEqual(p.suite_options, { red_team: { canary: 'c' } }, 'resilience options go with the resilience suite');
    assert.equal(p.thresholds?.f1_min, 0.4);
    const demo = buildProfile({ ...answers, mode: 'builtin' }, existing);
    assert.deepEqual(demo.target, { mode: 'builtin', timeout_ms: 5000 });
  });

  it('puts inline bias groups in data and max pairs in volumes', () => {
    const p = buildProfile({
      ...base,
      mode: 'builtin',
      suites: ['bias_smoke'],
      bias: { groups: 'a|b', maxPairs: 2, parityThreshold: 0.1, parityMetric: 'all' },
    });
    assert.equal(p.data?.bias_groups, 'a|b');
    assert.equal(p.volumes?.max_pairs, 2);
    assert.equal(p.thresholds?.parity_threshold, 0.1);
    assert.deepEqual(p.suite_options, { bias_smoke: { parity_metric: 'all' } });
  });
});

describe('wizard: YAML', () => {
  const edited = `# My profile: hand-written, keep this comment
version: 1
target:
  mode: api
  base_url: http://127.0.0.1:8000   # the dev server
  protocol: openai
  model: gpt-4o-mini
suites: [rag_quality, safety]   # flow style stays
# thresholds tuned by the team
thresholds:
  faithfulness_min: 0.9
report:
  dir: out
`;

  it('changes an existing file in place: comments, order and styles stay', () => {
    const value = parseProfile(edited, 'aiqk.yaml').value;
    const answers = answersFromProfile(value, 'aiqk.yaml');
    const text = updateProfileYaml(
      edited,
      buildProfile({ ...answers, model: 'llama3.1', suites: ['rag_quality', 'safety', 'performance'], volumePreset: 'full' }, value),
    );
    valid(text);
    assert.match(text, /^# My profile: hand-written, keep this comment\n/);
    assert.match(text, /base_url: http:\/\/127\.0\.0\.1:8000 +# the dev server/);
    assert.match(text, /model: llama3\.1\n/);
    assert.match(text, /suites: \[rag_quality, safety, performance\]/);
    assert.match(text, /# thresholds tuned by the team\nthresholds:\n {2}faithfulness_min: 0\.9/);
    assert.ok(
      text.indexOf('suites:') < text.indexOf('profile: full') && text.indexOf('profile: full') < text.indexOf('thresholds:'),
      'new keys go where the documented order puts them',
    );
    assert.ok(!text.includes('use_defaults'), 'a default the file did not spell out is not added');
    assert.ok(text.indexOf('report:') > text.indexOf('thresholds:'));
  });

  it('leaves a file unchanged when nothing changed', () => {
    const value = parseProfile(edited, 'aiqk.yaml').value;
    const profile = buildProfile(answersFromProfile(value, 'aiqk.yaml'), value);
    const once = updateProfileYaml(edited, profile);
    assert.equal(once, edited);
    assert.equal(updateProfileYaml(once, profile), once);
    for (const line of edited.split('\n').filter((l) => l.trim())) assert.ok(once.includes(line), `kept: ${line}`);
  });

  it('refuses to edit YAML with syntax errors, and starts afresh from an empty file', () => {
    assert.throws(() => updateProfileYaml('a: [1\n', buildProfile({ ...base, mode: 'builtin' })), ProfileYamlError);
    assert.throws(() => updateProfileYaml('- a\n- b\n', buildProfile({ ...base, mode: 'builtin' })), /not a mapping/);
    assert.match(updateProfileYaml('', buildProfile({ ...base, mode: 'builtin' })), /^# AI Quality Kit run profile/);
  });

  it('refuses to edit a file whose aliases would expand too far, with a located error instead of a crash', () => {
    const profile = buildProfile({ ...base, mode: 'builtin' });
    // Nine levels of ten aliases each: 90 aliases, a billion nodes once expanded.
    const levels = ['l0: &l0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 9; i++)
      levels.push(
        `l${i}: &l${i} [${Array(10)
          .fill(`*l${i - 1}`)
          .join(', ')}]`,
      );
    const bomb = `mode: builtin\n${levels.join('\n')}\n`;
    const started = Date.now();
    assert.throws(
      () => updateProfileYaml(bomb, profile),
      (err: unknown) => err instanceof ProfileYamlError && /^line 3: the file: its aliases expand to too many nodes/.test(err.message),
    );
    const many = `mode: builtin\nx: &x 1\nl: [${Array(101).fill('*x').join(', ')}]\n`;
    assert.throws(() => updateProfileYaml(many, profile), /: line 3: the file has more than 100 aliases \(\*x\)/);
    assert.ok(Date.now() - started < 2000, 'refused quickly');
    // A profile that uses an alias or two is still edited.
    const fine = updateProfileYaml(`mode: builtin\nx: &x 1\ny: *x\n`, profile);
    assert.match(fine, /^ {2}mode: builtin$/m);
  });

  it('masks credentials in the preview but keeps names of secrets', () => {
    const text =
      'target:\n  auth:\n    bearer_env: OPENAI_API_KEY\n  http:\n    headers:\n      Authorization: Bearer abc\n      X-Api-Key: "k-123"\n    body: \'{"q": "{{question}}"}\'\n  mcp:\n    env:\n      KEY: ${OPENAI_API_KEY}\n      OTHER: sk-live-0123456789abcdefXYZ\n';
    const masked = maskSecretsInYaml(text);
    assert.match(masked, /bearer_env: OPENAI_API_KEY/);
    assert.match(masked, new RegExp(`Authorization: ${SECRET_MASK}`));
    assert.match(masked, new RegExp(`X-Api-Key: ${SECRET_MASK}`));
    assert.match(masked, /KEY: \$\{OPENAI_API_KEY\}/);
    assert.match(masked, new RegExp(`OTHER: ${SECRET_MASK}`));
    assert.ok(!masked.includes('abc') && !masked.includes('k-123') && !masked.includes('sk-live'));
    assert.equal(maskSecretsInText('my key is sk-abc123def456ghi789jkl ok'), `my key is ${SECRET_MASK} ok`);
  });
});
