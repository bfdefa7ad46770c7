import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { iban, ipv4, ipv6, isPiiValidatorName, luhn, PII_VALIDATORS, ssn } from '../../../src/engine/data/readers/piiValidators';
import { defaultDatasetPath } from '../../../src/engine/data/defaults';

describe('PII validators', () => {
  it('luhn accepts real test card numbers and rejects near misses', () => {
    for (const n of ['4111 1111 1111 1111', '5500-0000-0000-0004', '378282246310005', '6011111111111117', '4012888888881881'])
      assert.equal(luhn(n), true, n);
    for (const n of ['4111 1111 1111 1112', '1234567812345678', '0000 0000 0000 0000', '4111', '4111-1111-1111-111a', ''])
      assert.equal(luhn(n), false, n);
  });

  it('iban checks country length and mod-97', () => {
    for (const n of [
      'GB82 WEST 1234 5698 7654 32',
      'DE89 3704 0044 0532 0130 00',
      'FR14 2004 1010 0505 0001 3M02 606',
      'NL91ABNA0417164300',
      'BE68539007547034',
      'gb82west12345698765432',
    ])
      assert.equal(iban(n), true, n);
    for (const n of [
      'GB82 WEST 1234 5698 7654 33',
      'DE89 3704 0044 0532 0130 0',
      'GB82WEST123456987654321',
      'XX00',
      '1234567890123456',
      '',
    ])
      assert.equal(iban(n), false, n);
  });

  it('ssn excludes the ranges never issued', () => {
    for (const n of ['123-45-6789', '123456789', '665-01-0001', '899-99-9999']) assert.equal(ssn(n), true, n);
    for (const n of ['000-12-3456', '666-12-3456', '900-12-3456', '999-12-3456', '123-00-4567', '123-45-0000', '12-345-6789', '123-45-678'])
      assert.equal(ssn(n), false, n);
  });

  it('ipv4 wants four octets 0-255 without leading zeros; ipv6 at least three groups', () => {
    for (const n of ['192.168.0.1', '255.255.255.255', '0.0.0.0', '8.8.8.8']) assert.equal(ipv4(n), true, n);
    for (const n of ['256.1.1.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.x', '']) assert.equal(ipv4(n), false, n);
    for (const n of ['2001:db8::8a2e:370:7334', 'fe80::1:2', '2001:0db8:85a3:0000:0000:8a2e:0370:7334']) assert.equal(ipv6(n), true, n);
    for (const n of ['d::', '::1', 'std::vector', '12:34', '2001:db8::g']) assert.equal(ipv6(n), false, n);
  });

  it('names every validator, and the default patterns use only those', () => {
    assert.deepEqual(Object.keys(PII_VALIDATORS), ['luhn', 'iban', 'ssn', 'ipv4', 'ipv6']);
    assert.equal(isPiiValidatorName('luhn'), true);
    assert.equal(isPiiValidatorName('toString'), false);
    const defaults = JSON.parse(readFileSync(defaultDatasetPath('pii_patterns'), 'utf8')) as Record<string, { validator?: string }>;
    for (const [name, p] of Object.entries(defaults)) if (p.validator) assert.ok(isPiiValidatorName(p.validator), name);
  });
});
