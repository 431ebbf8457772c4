import ExcelJS from 'exceljs';
import { reachCsv, reachXlsx } from '../../../../services/reach/reachExport';
import { emptyFigures, ReachReport } from '../../../../services/reach/reachReport';

/** Labels that show their key, so the test reads which column is which. */
const label = (key: string) => `[${key}]`;

function report(name: string): ReachReport {
  const digibank = { ...emptyFigures(), digibankId: 'd1', name, municipality: 'Gent', province: 'Oost-Vlaanderen', uniquePeople: 3, topics: { tax: 2 } };
  return {
    from: '2026-01-01', to: '2026-01-31',
    totals: { ...emptyFigures(), uniquePeople: 4, byLanguage: { nl: 4 }, topics: { tax: 2 } },
    digibanks: [digibank],
    unlinked: { ...emptyFigures(), uniquePeople: 1 },
    municipalities: [{ ...emptyFigures(), province: 'Oost-Vlaanderen', municipality: 'Gent', uniquePeople: 3 }],
    provinces: [{ ...emptyFigures(), province: 'Oost-Vlaanderen', uniquePeople: 3 }],
    weeks: [],
    prices: { smsSegmentEur: 0.075, whatsappTemplateEur: 0.03 },
  };
}

describe('reach report exports', () => {
  test('CSV: a header row, totals, each digibank and those not linked; quotes and formulas kept as text', () => {
    const lines = reachCsv(report('Digibank "Oost", Gent'), label).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0].startsWith('[columns.scope],[columns.municipality],[columns.province],[columns.uniquePeople]')).toBe(true);
    expect(lines[0]).toContain('[columns.topic]: [topics.tax]');
    expect(lines[1].startsWith('[rows.total],,,4,')).toBe(true);
    expect(lines[2].startsWith('"Digibank ""Oost"", Gent",Gent,Oost-Vlaanderen,3,')).toBe(true);
    expect(lines[3].startsWith('[rows.unlinked],,,1,')).toBe(true);
    expect(reachCsv(report('=HYPERLINK("x")'), label).split('\r\n')[2].startsWith(`"'=HYPERLINK(""x"")"`)).toBe(true);
  });

  test('XLSX: one sheet per overview (names Excel allows), figures as numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await reachXlsx(report('Digibank Gent'), label)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['sheets.summary', 'sheets.areas', 'sheets.topics', 'sheets.channels', 'sheets.appointments', 'sheets.loans']);
    const summary = workbook.getWorksheet('sheets.summary')!;
    expect(summary.getRow(1).getCell(1).value).toBe('[period]: 2026-01-01 – 2026-01-31');
    expect(summary.getRow(4).getCell(1).value).toBe('Digibank Gent');
    expect(summary.getRow(4).getCell(4).value).toBe(3);
    const topics = workbook.getWorksheet('sheets.topics')!;
    expect(topics.getRow(3).values).toEqual([undefined, '[rows.total]', 'tax', '[topics.tax]', 2]);
  });
});
