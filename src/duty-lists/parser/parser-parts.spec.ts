import { checkCategory, damagedNameReason, garbledReason } from 'src/duty-lists/parser/damage-detector';
import { firstInvalidUtf8, lineAt } from 'src/duty-lists/parser/decode';
import {
  createDepartmentContext,
  departmentKey,
  matchDepartmentSeries,
  splitDepartmentCell,
} from 'src/duty-lists/parser/department-resolver';
import { cleanStepText, splitCell } from 'src/duty-lists/parser/step-splitter';
import { listTitleKind } from 'src/duty-lists/parser/table-reader';
import { removeWideGaps } from 'src/duty-lists/parser/text-normalize';

const qitai = createDepartmentContext({ name: '三个庄子镇', county: '奇台县', prefecture: '昌吉回族自治州' });
const shufu = createDepartmentContext({ name: '吾库萨克镇', county: '疏附县', prefecture: '喀什地区' });

describe('department resolver', () => {
  it('prefixes short names with the county and keeps full ones', () => {
    expect(splitDepartmentCell('县残联、残联，奇台县委组织部 奇台县民政局', qitai)).toEqual({
      names: ['奇台县残联', '奇台县委组织部', '奇台县民政局'],
      fragments: [],
    });
  });

  it('rejoins OCR-split names and splits names that only a space separated', () => {
    expect(
      splitDepartmentCell('疏附县人力 资源和社会 保障局、疏附县自然 资源局 农业 农村局', shufu).names,
    ).toEqual(['疏附县人力资源和社会保障局', '疏附县自然资源局', '疏附县农业农村局']);
  });

  it('keeps fragments apart and ignores an "及其他…部门" qualifier', () => {
    expect(splitDepartmentCell('织部', shufu)).toEqual({ names: [], fragments: ['织部'] });
    expect(splitDepartmentCell('奇台县应急管理局及其他负有安全生产监督管理职责的部门', qitai)).toEqual({
      names: ['奇台县应急管理局'],
      fragments: [],
    });
  });

  it('accepts a well-formed county department that is not in the lexicon', () => {
    expect(splitDepartmentCell('奇台县乡村振兴服务中心', qitai).names).toEqual(['奇台县乡村振兴服务中心']);
  });

  it('gives aliases and prefecture forms one key', () => {
    expect(departmentKey('县残联', qitai)).toBe(departmentKey('奇台县残疾人联合会', qitai));
    expect(departmentKey('州生态环境局奇台县分局', qitai)).toBe(
      departmentKey('昌吉州生态环境局奇台县分局', qitai),
    );
    expect(departmentKey('县税务局', qitai)).toBe(departmentKey('国家税务总局奇台县税务局', qitai));
  });

  it('reads a series of departments but not words that merely start like one', () => {
    expect(matchDepartmentSeries('县市场监督管理局、县税务局负责', 0, qitai, false)?.names).toEqual([
      '奇台县市场监督管理局',
      '奇台县税务局',
    ]);
    expect(matchDepartmentSeries('县级表彰大会', 0, qitai, false)).toBeNull();
    expect(matchDepartmentSeries('人大代表履职', 0, qitai, false)).toBeNull();
  });
});

describe('step splitter', () => {
  it('splits numbered steps in every numbering style', () => {
    const steps = (cell: string): string[] =>
      splitCell(cell, qitai).map((t) => (t.kind === 'step' ? t.text : t.kind));
    expect(steps('1.甲； 2.乙。')).toEqual(['甲', '乙']);
    expect(steps('1、甲； 2、乙')).toEqual(['甲', '乙']);
    expect(steps('1．甲；2．乙')).toEqual(['甲', '乙']);
    expect(steps('1. 甲； 2. 乙')).toEqual(['甲', '乙']);
    expect(steps('<ol> 甲； 乙； 丙。 </ol>')).toEqual(['甲', '乙', '丙']);
    expect(steps('<ol><li>1.甲</li><li>2.乙</li></ol>')).toEqual(['甲', '乙']);
    expect(steps('① 甲 ② 乙')).toEqual(['甲', '乙']);
  });

  it('does not take a decimal or an embedded number for a step number', () => {
    const tokens = splitCell('1.面积1.5万亩，按1:2比例推荐', qitai);
    expect(tokens).toEqual([{ kind: 'step', text: '面积1.5万亩，按1:2比例推荐' }]);
  });

  it('reads sections and headers with and without a colon', () => {
    expect(splitCell('一、禁烧 1.县公安局查处 二、利用 县农业农村局： 1.推广', qitai)).toEqual([
      { kind: 'section', title: '禁烧' },
      { kind: 'step', text: '县公安局查处' },
      { kind: 'section', title: '利用' },
      { kind: 'header', names: ['奇台县农业农村局'] },
      { kind: 'step', text: '推广' },
    ]);
    expect(splitCell('<p>县自然资源局</p> <p>县消防救援局 开展防灭火工作。</p>', qitai)).toEqual([
      { kind: 'header', names: ['奇台县自然资源局'] },
      { kind: 'header', names: ['奇台县消防救援局'] },
      { kind: 'step', text: '开展防灭火工作' },
    ]);
  });

  it('does not look for headers in the township lane', () => {
    expect(splitCell('县公安局： 协助', null)).toEqual([{ kind: 'step', text: '县公安局：协助' }]);
  });

  it('cleans step text', () => {
    expect(cleanStepText(' 2.1.尼报告 乡镇 数据； ')).toBe('尼报告乡镇数据');
    expect(cleanStepText('3.')).toBe('');
  });
});

describe('text and damage helpers', () => {
  it('removes spaces between Chinese characters only', () => {
    expect(removeWideGaps('玛纳斯县应 急管理局 距离县城 3 公里 做好村 (居)法律')).toBe(
      '玛纳斯县应急管理局距离县城 3 公里做好村(居)法律',
    );
  });

  it('recognises garbled OCR text', () => {
    expect(garbledReason('疏织县和局以,为会保证,以外,不是不是,不是不是')).toMatch(/不是不是/);
    expect(garbledReason('做好 房 房 是 偿 和 工')).toMatch(/零散单字/);
    expect(garbledReason('对次道内、、及的辖街')).toMatch(/、、/);
    expect(garbledReason('开展防灾减灾的宣传，汇总本镇、下属村数据')).toBeNull();
    expect(damagedNameReason('作,科级干部选拔任用、职级(职')).toMatch(/括号/);
  });

  it('checks categories against the closed list', () => {
    expect(checkCategory('应急管理 及消防')).toEqual({ category: '应急管理及消防', problem: null });
    expect(checkCategory('应急管理及消').category).toBe('应急管理及消防');
    expect(checkCategory('应急管理及消院').problem).toMatch(/可能是「应急管理及消防」/);
    expect(checkCategory('1 1 1 TH').problem).toMatch(/不是常见的事项类别/);
  });

  it('finds list titles but not 目录 entries or prose', () => {
    expect(listTitleKind('昌吉州奇台县三个庄子镇配合履职事项清单')).toBe('cooperative');
    expect(listTitleKind('## 上级部门收回事项清单')).toBe('withdrawn');
    expect(listTitleKind('1. 基本履职事项清单.....\t1')).toBeNull();
    expect(listTitleKind('**基本履职事项清单**是本镇必须为、负全责的事项。')).toBeNull();
  });

  it('locates invalid UTF-8 and its line', () => {
    const bytes = Buffer.concat([Buffer.from('甲\n乙\n'), Buffer.from([0xe4, 0x41])]);
    expect(firstInvalidUtf8(bytes)).toBe(8);
    expect(lineAt(bytes, 8)).toBe(3);
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // a UTF-16 surrogate
    expect(firstInvalidUtf8(Buffer.from('履职事项清单'))).toBe(-1);
  });
});
