// The CSV writer of the ledger export: RFC 4180 quoting, the OWASP formula-injection guard on text
// cells only (negative amounts stay numbers), and the one column set as docs/EXPORT.md documents it.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvField, csvLine } from '../../../src-core/history/csv';
import { EXPORT_COLUMNS } from '../../../src-core/history/export-columns';
import { parseCsv } from '../../helpers/csv-parse';

describe('csv fields', () => {
  it('leaves plain text and numbers alone, the empty field for null', () => {
    expect(csvField('ETH')).toBe('ETH');
    expect(csvField('3000.10')).toBe('3000.10');
    expect(csvField('')).toBe('');
    expect(csvField(null)).toBe('');
  });

  it('quotes a field with a comma, a quote or a line break, doubling its quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
    // Edge spaces are kept: some readers trim an unquoted field.
    expect(csvField(' padded ')).toBe('" padded "');
  });

  it('guards text cells that a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+1+cmd|x')).toBe("'+1+cmd|x");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tlead-tab')).toBe("'\tlead-tab");
    expect(csvField('\r=x')).toBe(`"'\r=x"`);
  });

  it('keeps negative and signed numbers as numbers', () => {
    expect(csvField('-0.15')).toBe('-0.15');
    expect(csvField('-12')).toBe('-12');
    expect(csvField('+0.5')).toBe('+0.5');
  });

  it('writes CRLF lines a reader parses back to the same fields', () => {
    const fields = ['a,b', 'q"uote', 'multi\nline', '=1+1', '-3.5', null, 'x'];
    const text = csvLine(fields) + csvLine(['1', '2', '3', '4', '5', '6', '7']);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows).toEqual([
      ['a,b', 'q"uote', 'multi\nline', "'=1+1", '-3.5', '', 'x'],
      ['1', '2', '3', '4', '5', '6', '7'],
    ]);
  });
});

describe('the export column set', () => {
  it('is the one docs/EXPORT.md documents, in order', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/EXPORT.md'), 'utf8');
    // The columns table: rows "| n | `name` | ...".
    const documented = [...doc.matchAll(/^\| \d+ \| `([a-z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented).toEqual([...EXPORT_COLUMNS]);
  });
});
