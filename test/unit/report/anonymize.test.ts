import { strict as assert } from 'node:assert';
import { anonymizeResult, redactSecrets } from '../../../src/engine/report/anonymize';
import { validateReport } from '../../../src/engine/report/jsonReport';
import { maskPii, maskSecrets, maskText } from '../../../src/engine/secrets/textMasks';
import { makeCase, sampleResult } from './fixtures';

describe('text masks', () => {
  const cases: [string, string, string][] = [
    ['email', 'mail john.doe@example.com now', 'mail j***@example.com now'],
    ['spaced card', 'card 4242 4242 4242 4242.', 'card **** **** **** 4242.'],
    ['compact card', 'pan 4111111111111111', 'pan ************1111'],
    ['amex', 'amex 378282246310005', 'amex ***********0005'],
    ['spaced IBAN', 'to DE89 3704 0044 0532 0130 00 today', 'to DE** **** **** **** **30 00 today'],
    ['IBAN followed by a capitalised word', 'to DE89 3704 0044 0532 0130 00 ABCD', 'to DE** **** **** **** **30 00 ABCD'],
    ['compact IBAN', 'GB82WEST12345698765432', 'GB****************5432'],
    ['SSN', 'ssn 123-45-6789', 'ssn ***-**-6789'],
    ['IPv4', 'from 192.168.1.23.', 'from 192.*.*.*.'],
    ['US phone', 'call (555) 123-4567', 'call (***) ***-**67'],
    ['international phone', 'call +44 20 7946 0958', 'call +** ** **** **58'],
    ['dashed phone', 'call 555-123-4567', 'call ***-***-**67'],
    ['bearer token', 'Authorization: Bearer abcdef123456789XYZ', 'Authorization: Bearer ****'],
    ['OpenAI key', 'key sk-proj-abcdefghijklmnop1234', 'key sk-proj-****'],
    ['GitHub token', 'ghp_abcdefghijklmnopqrstuvwxyz123456', 'ghp_****'],
    ['long hex after key=', 'api_key=0123456789abcdef0123456789abcdef&x=1', 'api_key=****&x=1'],
    ['JSON secret', '{"client_secret": "AbCdEfGhIjKlMnOpQrStUv12"}', '{"client_secret": "****"}'],
    ['password', 'password=hunter2', 'password=****'],
    ['env style', 'OPENAI_API_KEY=abcdefghijklmnop1234', 'OPENAI_API_KEY=****'],
    ['JWT', 'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abcdefghij', 'jwt eyJ****'],
  ];
  for (const [what, input, expected] of cases) it(`masks ${what}`, () => assert.equal(maskText(input), expected));

  const untouched: [string, string][] = [
    ['a 16-digit number failing Luhn', 'order 4242 4242 4242 4241 and 1234567812345678'],
    ['a millisecond timestamp', 'at 1700000000000'],
    ['an IBAN with a wrong checksum', 'DE89370400440532013001'],
    ['impossible SSNs', '000-12-3456 666-12-3456 923-45-6789'],
    ['dates and amounts', 'on 2024-01-15 or 12.05.2024 paid 1 234.56 for 3 items, order 12345'],
    ['version numbers', 'version 1.2.3.4.5 and 256.1.1.1'],
    ['a short token value', 'token=abc and key: value'],
    ['plain prose', 'The capital of France is Paris.'],
  ];
  for (const [what, input] of untouched) it(`leaves ${what} alone`, () => assert.equal(maskText(input), input));

  it('splits secret masking from PII masking', () => {
    assert.equal(maskSecrets('a@b.io Bearer abcdefghijkl'), 'a@b.io Bearer ****');
    assert.equal(maskPii('a@b.io'), 'a***@b.io');
  });
});

describe('anonymizeResult', () => {
  it('masks case fields, details, suite notes and logs, and keeps the rest', () => {
    const r = sampleResult();
    r.cases[0] = makeCase('rag_quality', 'q1', 'passed', {
      input: 'I am jane@corp.example',
      expected: 'card 4242424242424242',
      output: 'call 555-123-4567',
      contexts: ['ssn 123-45-6789', 'plain'],
      error: 'server said token=0123456789abcdef0123',
      details: { evidence: ['ip 10.1.2.3'], count: 3 },
    });
    r.summary.suites.red_team!.notes.push('leaked sk-abcdefghijklmnopqrstu');
    r.logs.push({ time: '2025-03-04T05:06:40.000Z', level: 'error', message: 'user bob@x.org' });
    const before = structuredClone(r);
    const a = anonymizeResult(r);
    assert.deepEqual(r, before, 'the input result must not change');
    const c = a.cases[0]!;
    assert.equal(c.input, 'I am j***@corp.example');
    assert.equal(c.expected, 'card ************4242');
    assert.equal(c.output, 'call ***-***-**67');
    assert.deepEqual(c.contexts, ['ssn ***-**-6789', 'plain']);
    assert.equal(c.error, 'server said token=****');
    assert.deepEqual(c.details, { evidence: ['ip 10.*.*.*'], count: 3 });
    assert.ok(a.summary.suites.red_team!.notes.includes('leaked sk-****'));
    assert.equal(a.logs.at(-1)!.message, 'user b***@x.org');
    assert.equal(a.run.target['base_url'], 'http://127.0.0.1:8000', 'the target address is not PII');
    assert.deepEqual(a.summary.overall, r.summary.overall);
    assert.deepEqual(validateReport(a).errors, []);
  });

  it('always removes literal credentials from the target and the profile', () => {
    const r = sampleResult();
    r.run.target = { mode: 'api', protocol: 'http', http: { headers: { Authorization: 'Bearer abcdefghijklmnopqrstuvwxyz' } } };
    r.inputs.target = {
      mode: 'api',
      protocol: 'http',
      http: { headers: { 'x-api-key': 'AbCdEfGhIjKlMnOpQrStUv12' }, body: '{}', answer_path: '$.a' },
    };
    const red = redactSecrets(r);
    assert.deepEqual(red.run.target['http'], { headers: { Authorization: 'Bearer ****' } });
    assert.deepEqual(red.inputs.target.http?.headers, { 'x-api-key': '****' });
    assert.equal(red.cases, r.cases, 'case data is not touched without anonymize');
  });
});
