import { describe, expect, it } from 'vitest';
import { csvCell, metricsCsv } from '../../../edge/src/metrics/read';

describe('metrics CSV', () => {
  it('prefixes cells a spreadsheet would run as a formula with an apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('turns')).toBe('turns');
    expect(csvCell(12)).toBe('12');
    expect(csvCell('a,b')).toBe('"a,b"');
  });

  it('writes one line per day and metric', () => {
    const csv = metricsCsv({ shopId: 's', timeZone: 'UTC', from: '2026-01-01', to: '2026-01-02', totals: {}, days: [{ day: '2026-01-01', metrics: { turns: 3, '=x': 1 } }, { day: '2026-01-02', metrics: {} }] });
    expect(csv).toBe("day,metric,value\r\n2026-01-01,turns,3\r\n2026-01-01,'=x,1\r\n");
  });
});
