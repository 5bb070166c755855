// Redaction by value: each credential shape below passes the pattern mask (too short for the
// 64-hex rule, or broken up by percent escapes), so only registering the value keeps it out of logs.
import { afterEach, describe, expect, it } from 'vitest';
import { clearRegisteredSecrets, createLogger, MASK, maskString, registerSecret } from '../../../src-core/telemetry/log';

// A Stark private key is a field element below 2^251, 62 hex digits once its leading zeros go.
const STARK_KEY = '0x' + '7a1f3c9e2b'.repeat(6) + '4d';
// Extended's API key: 32 hex digits.
const EXTENDED_API_KEY = '3f9a1c7e5b2d4f6a8c0e1b3d5f7a9c2e';
// A base64 signature; in a query string its + / = travel as %2B %2F %3D.
const SIGNATURE = 'Qk1+L2tleS9zaWduYXR1cmUrdmFsdWU/PT0+Ly8rK2FiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6MDEyMzQ1Ng==';

function logged(msg: string, fields: Record<string, unknown> = {}): string {
  const lines: string[] = [];
  createLogger({ sink: (l) => lines.push(l) }).error(msg, fields);
  return lines[0]!;
}

afterEach(() => clearRegisteredSecrets());

describe('registered secrets', () => {
  it('these shapes pass the pattern mask unregistered (why registration exists)', () => {
    expect(STARK_KEY.length - 2).toBe(62);
    expect(maskString(STARK_KEY)).toBe(STARK_KEY);
    expect(maskString(EXTENDED_API_KEY)).toBe(EXTENDED_API_KEY);
  });

  it('masks a registered Stark key as is, without 0x, upper case, zero-padded and in decimal', () => {
    registerSecret(STARK_KEY);
    const digits = STARK_KEY.slice(2);
    const line = logged(`signing with ${STARK_KEY}`, {
      bare: `key=${digits}`,
      upper: digits.toUpperCase(),
      padded: `0x00${digits}`,
      asBigint: BigInt(STARK_KEY),
    });
    expect(line).not.toContain(digits.slice(0, 40));
    expect(line).not.toContain(digits.toUpperCase().slice(0, 40));
    expect(line).not.toContain(BigInt(STARK_KEY).toString().slice(0, 30));
    expect(line).toContain('signing with');
  });

  it('masks a registered 32-hex API key inside a header dump and an error message', () => {
    registerSecret(EXTENDED_API_KEY);
    const line = logged('request failed', { headers: 'X-Key: ' + EXTENDED_API_KEY, error: new Error(`401 for ${EXTENDED_API_KEY}`) });
    expect(line).not.toContain(EXTENDED_API_KEY);
    expect(line.split(MASK).length).toBe(3);
  });

  it('masks a URL-encoded signature, with lower- or upper-case escapes', () => {
    registerSecret(SIGNATURE);
    const encoded = encodeURIComponent(SIGNATURE);
    expect(encoded).toContain('%2B');
    const line = logged(`GET /orders?sig=${encoded}&x=1`, { lower: encoded.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()) });
    expect(line).not.toContain(encoded);
    expect(line).not.toContain('%2b');
    expect(line).toContain('&x=1');
  });

  it('masks a long URL-encoded base64 run by pattern even when never registered', () => {
    const encoded = encodeURIComponent(SIGNATURE + SIGNATURE);
    expect(logged(`sig=${encoded}`)).not.toContain(encoded.slice(0, 40));
  });

  it('ignores values too short to be credentials, so ordinary words stay readable', () => {
    registerSecret('abc');
    expect(logged('abc is fine')).toContain('abc is fine');
  });
});
