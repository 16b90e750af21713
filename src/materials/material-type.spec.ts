import { DOCX_BYTES, EXE_BYTES, OFD_BYTES, PDF_BYTES, PNG_BYTES, XLSX_BYTES, zipOf } from 'test/utils/files';
import { checkMaterialFile } from './material-file';
import { detectMaterialKind, MaterialKind } from './material-type';

describe(detectMaterialKind.name, () => {
  it('should recognise every allowed kind by its content', () => {
    expect(detectMaterialKind(PDF_BYTES)).toEqual({ kind: MaterialKind.Pdf });
    expect(detectMaterialKind(PNG_BYTES)).toEqual({ kind: MaterialKind.Png });
    expect(detectMaterialKind(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toEqual({
      kind: MaterialKind.Jpeg,
    });
    expect(detectMaterialKind(DOCX_BYTES)).toEqual({ kind: MaterialKind.Docx });
    expect(detectMaterialKind(XLSX_BYTES)).toEqual({ kind: MaterialKind.Xlsx });
    expect(detectMaterialKind(OFD_BYTES)).toEqual({ kind: MaterialKind.Ofd });
  });

  it('should name what a refused file is', () => {
    expect(detectMaterialKind(EXE_BYTES)).toEqual({ refused: expect.stringContaining('可执行程序') });
    expect(detectMaterialKind(zipOf({ 'a.txt': 'x' }))).toEqual({ refused: expect.stringContaining('ZIP') });
    expect(detectMaterialKind(Buffer.from('hello'))).toEqual({ refused: '无法识别的文件类型' });
    expect(detectMaterialKind(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(10)]))).toEqual({
      refused: expect.stringContaining('损坏'),
    });
  });
});

describe(checkMaterialFile.name, () => {
  const file = (originalname: string, buffer: Buffer) => ({ originalname, buffer, size: buffer.length });

  it('should accept a renamed but genuine file and keep only the last path segment', () => {
    expect(checkMaterialFile(file('C:\\fakepath\\申请表.docx', PDF_BYTES), 1000)).toMatchObject({
      fileName: '申请表.docx',
      kind: MaterialKind.Pdf,
    });
  });

  it('should refuse empty, oversize, too long names and executables', () => {
    expect(checkMaterialFile(file('a.pdf', Buffer.alloc(0)), 1000)).toEqual({
      problem: expect.stringContaining('空'),
    });
    expect(checkMaterialFile(file('a.pdf', PDF_BYTES), 10)).toEqual({
      problem: expect.stringContaining('过大'),
    });
    expect(checkMaterialFile(file(`${'长'.repeat(300)}.pdf`, PDF_BYTES), 1000)).toEqual({
      problem: expect.stringContaining('文件名过长'),
    });
    expect(checkMaterialFile(file('scan.pdf', EXE_BYTES), 1000)).toEqual({
      problem: expect.stringContaining('Windows 可执行程序'),
    });
  });
});
