import { isIPv6 } from 'node:net';

// Regular expressions find candidates; these checks drop the look-alikes (order
// numbers that fail Luhn, IBAN-shaped codes that fail mod-97, impossible SSNs).

/** Luhn (mod 10) check for card numbers: 12–19 digits, spaces and dashes allowed. */
export function luhn(value: string): boolean {
  const digits = value.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(digits)) return false;
  if (/^(\d)\1+$/.test(digits)) return false; // 0000… passes the sum but is no card
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

// IBAN lengths per country (ISO 13616 registry); a code not listed is checked by mod-97 only.
const IBAN_LENGTHS: Record<string, number> = Object.fromEntries(
  (
    'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 EE20 EG29 ES24 FI18 FO18 FR27 ' +
    'GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 MC27 MD24 ' +
    'ME22 MK19 MR27 MT31 MU30 NL18 NO15 PK24 PL28 PS29 PT25 QA29 RO24 RS22 SA24 SC31 SE24 SI19 SK24 SM27 ST25 SV28 TL23 TN24 ' +
    'TR26 UA29 VA22 VG24 XK20'
  )
    .split(' ')
    .map((e) => [e.slice(0, 2), Number(e.slice(2))]),
);

/** IBAN check: country code, check digits, the country's length and mod-97 = 1 (spaces allowed). */
export function iban(value: string): boolean {
  const s = value.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false;
  const expected = IBAN_LENGTHS[s.slice(0, 2)];
  if (expected !== undefined && s.length !== expected) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const n = code >= 65 ? code - 55 : code - 48; // A=10 … Z=35
    rem = n >= 10 ? (rem * 100 + n) % 97 : (rem * 10 + n) % 97;
  }
  return rem === 1;
}

/** US Social Security Number: ddd-dd-dddd (or 9 digits) outside the ranges never issued. */
export function ssn(value: string): boolean {
  const m = /^(\d{3})[- ]?(\d{2})[- ]?(\d{4})$/.exec(value.trim());
  if (!m) return false;
  const area = Number(m[1]);
  if (area === 0 || area === 666 || area >= 900) return false;
  return m[2] !== '00' && m[3] !== '0000';
}

/** Dotted-quad IPv4 address: four octets 0–255 without leading zeros. */
export function ipv4(value: string): boolean {
  const parts = value.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** IPv6 address with at least three groups written out (so `a::b` in code is not taken for one). */
export function ipv6(value: string): boolean {
  return isIPv6(value) && (value.match(/[0-9a-f]{1,4}/gi)?.length ?? 0) >= 3;
}

/** Every validator a PII pattern can name, by name. */
export const PII_VALIDATORS = { luhn, iban, ssn, ipv4, ipv6 } as const;

/** A validator name usable in pii_patterns.json. */
export type PiiValidatorName = keyof typeof PII_VALIDATORS;

/** Whether a string names a PII validator. */
export function isPiiValidatorName(name: string): name is PiiValidatorName {
  return Object.prototype.hasOwnProperty.call(PII_VALIDATORS, name);
}
