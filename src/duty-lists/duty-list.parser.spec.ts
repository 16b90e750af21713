import { readFileSync } from 'fs';
import { join } from 'path';
import { ErrorCode } from 'src/common/errors/error-codes';
import { DutyListParseError } from 'src/duty-lists/duty-list-parse.error';
import { parseDutyList } from 'src/duty-lists/duty-list.parser';
import { ParsedCooperativeDuty, ParsedDutyList, ParsedStep } from 'src/duty-lists/duty-list.types';

const FIXTURES = join(__dirname, '../../test/fixtures/duty-lists');
const SEEDS = join(__dirname, '../../seeds/duty-lists');

const fixtureText = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
const parseFixture = (name: string): ParsedDutyList =>
  parseDutyList(readFileSync(join(FIXTURES, name)), name);
const parseText = (text: string, name: string): ParsedDutyList =>
  parseDutyList(Buffer.from(text, 'utf8'), name);

function row(list: ParsedDutyList, no: number): ParsedCooperativeDuty {
  const found = list.cooperative.find((duty) => duty.no === no);
  if (!found) throw new Error(`cooperative row ${no} not parsed`);
  return found;
}

const lane = (duty: ParsedCooperativeDuty, which: ParsedStep['lane']): ParsedStep[] =>
  duty.steps.filter((step) => step.lane === which);
const codes = (duty: { warnings: Array<{ code: string }> }): string[] => duty.warnings.map((w) => w.code);

function fatal(run: () => unknown): DutyListParseError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DutyListParseError);
    return error as DutyListParseError;
  }
  throw new Error('expected a DutyListParseError');
}

function expectFatal(input: Buffer, file: string, line: number, reason: RegExp): void {
  const error = fatal(() => parseDutyList(input, file));
  expect(error.code).toBe(ErrorCode.DUTY_LIST_INVALID);
  expect(error.details.file).toBe(file);
  expect(error.details.line).toBe(line);
  expect(error.details.reason).toMatch(reason);
  expect(error.message).toBe(`文件 ${file} 第 ${line} 行：${error.details.reason}`);
}

describe('parseDutyList — the five real documents', () => {
  const expected: Array<[string, number, number, number]> = [
    ['qitai-sangezhuangzi', 106, 97, 37],
    ['shufu-wukusake', 132, 103, 47],
    ['mulei-dashitou', 105, 103, 37],
    ['manas-liuhudi', 110, 99, 43],
    ['toksun-yilahu', 110, 101, 34],
  ];
  const parsed = new Map<string, ParsedDutyList>(
    expected.map(([name]) => [name, parseDutyList(readFileSync(join(SEEDS, `${name}.txt`)), `${name}.txt`)]),
  );
  const get = (name: string): ParsedDutyList => parsed.get(name) as ParsedDutyList;

  it.each(expected)(
    '%s has %i basic, %i cooperative and %i withdrawn rows',
    (name, basic, cooperative, withdrawn) => {
      const list = get(name);
      expect([list.basic.length, list.cooperative.length, list.withdrawn.length]).toEqual([
        basic,
        cooperative,
        withdrawn,
      ]);
    },
  );

  it('reads the township from the cover title or, for manas, from the list titles', () => {
    expect(get('qitai-sangezhuangzi').township).toEqual({
      name: '三个庄子镇',
      county: '奇台县',
      prefecture: '昌吉回族自治州',
    });
    expect(get('shufu-wukusake').township).toEqual({
      name: '吾库萨克镇',
      county: '疏附县',
      prefecture: '喀什地区',
    });
    expect(get('mulei-dashitou').township).toEqual({
      name: '大石头乡',
      county: '木垒县',
      prefecture: '昌吉回族自治州',
    });
    expect(get('manas-liuhudi').township).toEqual({
      name: '六户地镇',
      county: '玛纳斯县',
      prefecture: '昌吉回族自治州',
    });
    expect(get('toksun-yilahu').township).toEqual({
      name: '伊拉湖镇',
      county: '托克逊县',
      prefecture: '吐鲁番市',
    });
  });

  it.each(expected.map(([name]) => name))(
    '%s: every cooperative lane has a step or a warning saying why not',
    (name) => {
      const unexplained = get(name).cooperative.filter(
        (duty) =>
          (lane(duty, 'department').length === 0 && !codes(duty).includes('EMPTY_DEPARTMENT_STEPS')) ||
          (lane(duty, 'township').length === 0 && !codes(duty).includes('EMPTY_TOWNSHIP_STEPS')),
      );
      expect(unexplained.map((duty) => duty.no)).toEqual([]);
    },
  );

  it.each(expected.map(([name]) => name))('%s: step texts carry no markup and no leading number', (name) => {
    const steps = get(name).cooperative.flatMap((duty) => duty.steps);
    for (const step of steps) {
      expect(step.text).not.toContain('<');
      expect(step.text).not.toMatch(/^\s*(?:\d+\s*[.．、]|[\u2460-\u2473])/);
      expect(step.text.trim()).not.toBe('');
    }
  });

  it.each(expected.map(([name]) => name))(
    '%s: department names have no spaces between Chinese characters',
    (name) => {
      const list = get(name);
      const names = [
        ...list.cooperative.flatMap((duty) => [
          ...duty.departments,
          ...duty.steps.flatMap((step) => step.assignees),
        ]),
        ...list.withdrawn.flatMap((duty) => duty.departments),
      ];
      for (const department of names) expect(department).not.toMatch(/\s/);
    },
  );

  it.each(expected.map(([name]) => name))('%s: step order counts 1, 2, 3… within (lane, section)', (name) => {
    for (const duty of get(name).cooperative) {
      const groups = new Map<string, number[]>();
      for (const step of duty.steps) {
        const key = `${step.lane}|${step.section ?? ''}`;
        groups.set(key, [...(groups.get(key) ?? []), step.order]);
      }
      for (const orders of groups.values()) expect(orders).toEqual(orders.map((_, i) => i + 1));
    }
  });

  it.each(expected.map(([name]) => name))(
    '%s: township-lane steps are the township’s, department-lane steps the row’s departments',
    (name) => {
      const list = get(name);
      for (const duty of list.cooperative) {
        for (const step of lane(duty, 'township')) expect(step.assignees).toEqual([list.township.name]);
        for (const step of lane(duty, 'department')) {
          for (const assignee of step.assignees) expect(duty.departments).toContain(assignee);
        }
      }
    },
  );

  it.each(expected.map(([name]) => name))('%s: top-level warnings include every row warning', (name) => {
    const list = get(name);
    const rowWarnings = [...list.cooperative, ...list.withdrawn].flatMap((duty) => duty.warnings);
    for (const warning of rowWarnings) expect(list.warnings).toContainEqual(warning);
    for (const warning of list.warnings) {
      expect(warning.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(warning.line).toBeGreaterThan(0);
    }
  });

  it('is deterministic', () => {
    const again = parseDutyList(readFileSync(join(SEEDS, 'shufu-wukusake.txt')), 'shufu-wukusake.txt');
    expect(again).toEqual(get('shufu-wukusake'));
  });

  it('does not over-warn the four clean documents (each warning checked by hand)', () => {
    expect(get('mulei-dashitou').warnings).toEqual([]);
    // "遇难遇难人员" really is doubled in the source.
    expect(get('qitai-sangezhuangzi').warnings.map((w) => [w.code, w.no])).toEqual([['DAMAGED_STEPS', 81]]);
    // Rows 21, 87 and 89 name a department in their steps that their 对应上级部门 cell leaves out.
    expect(get('manas-liuhudi').warnings.map((w) => [w.code, w.no])).toEqual([
      ['DEPARTMENT_ADDED_FROM_STEPS', 21],
      ['DEPARTMENT_ADDED_FROM_STEPS', 87],
      ['DEPARTMENT_ADDED_FROM_STEPS', 89],
    ]);
    expect(get('toksun-yilahu').warnings.map((w) => [w.code, w.no])).toEqual([
      ['DEPARTMENT_ADDED_FROM_STEPS', 48],
    ]);
  });

  it('三个庄子镇 残疾人证管理: 县残联 steps go to 奇台县残联, township steps to 三个庄子镇', () => {
    const duty = get('qitai-sangezhuangzi').cooperative.find(
      (d) => d.name === '残疾人证管理',
    ) as ParsedCooperativeDuty;
    expect(duty.departments).toEqual(['奇台县残联']);
    expect(lane(duty, 'department').map((s) => s.assignees)).toEqual([['奇台县残联'], ['奇台县残联']]);
    expect(lane(duty, 'department')[0].text).toBe(
      '县残联审核办证材料，并录入办证系统，制作残疾人证并发放至三个庄子镇',
    );
    expect(lane(duty, 'township')).toHaveLength(7);
    expect(lane(duty, 'township').every((s) => s.assignees.join() === '三个庄子镇')).toBe(true);
    expect(duty.warnings).toEqual([]);
  });

  it('玛纳斯县应 急管理局 in the department cell loses its OCR space', () => {
    const duty = row(get('manas-liuhudi'), 82);
    expect(duty.departments).toEqual([
      '玛纳斯县应急管理局',
      '玛纳斯县自然资源局',
      '玛纳斯县住房和城乡建设局',
      '玛纳斯县水利局',
    ]);
    expect(duty.category).toBe('应急管理及消防');
    expect(duty.name).toBe('开展防灾减灾检查');
  });

  it('keeps the qualifier-only tail of 奇台县应急管理局及其他负有安全生产监督管理职责的部门 out of the names', () => {
    const duty = get('qitai-sangezhuangzi').cooperative.find(
      (d) => d.departments.includes('奇台县应急管理局') && d.warnings.length === 0,
    );
    expect(duty).toBeDefined();
    for (const d of get('qitai-sangezhuangzi').cooperative)
      expect(d.departments.join()).not.toContain('及其他');
  });

  it('shufu-wukusake: the document’s own totals are compared (目录 says 104 cooperative, 说明 says 103)', () => {
    const totals = get('shufu-wukusake').warnings.filter((w) => w.code === 'TOTAL_MISMATCH');
    expect(totals).toHaveLength(1);
    expect(totals[0]).toMatchObject({ list: 'cooperative', line: 22 });
    expect(totals[0].message).toContain('104');
    expect(get('toksun-yilahu').warnings.filter((w) => w.code === 'TOTAL_MISMATCH')).toEqual([]);
  });

  it('shufu-wukusake: damaged rows are kept, never dropped, and each carries a warning', () => {
    const list = get('shufu-wukusake');
    expect(list.cooperative.map((d) => d.no)).toEqual(Array.from({ length: 103 }, (_, i) => i + 1));
    expect(codes(row(list, 5))).toEqual(expect.arrayContaining(['DAMAGED_NAME', 'MISSING_DEPARTMENT']));
    expect(codes(row(list, 8))).toEqual(expect.arrayContaining(['MISSING_CATEGORY', 'MISSING_NAME']));
    expect(codes(row(list, 9))).toContain('EMPTY_DEPARTMENT_STEPS');
    expect(row(list, 1).departments).toEqual(['疏附县委组织部']);
    expect(codes(row(list, 1))).toEqual(['MISSING_CATEGORY', 'UNRECOGNISED_DEPARTMENT']);
    expect(row(list, 88).category).toBe('应急管理及消防');
    expect(codes(row(list, 88))).toContain('DAMAGED_CATEGORY');
  });

  it('shufu-wukusake: the whole document is flagged as a likely OCR scan, since unflagged rows may be garbled too', () => {
    const ocr = get('shufu-wukusake').warnings.filter((w) => w.code === 'OCR_SUSPECTED');
    expect(ocr).toHaveLength(1);
    expect(ocr[0]).toMatchObject({ field: 'document' });
    expect(ocr[0].message).toContain('对照纸质原件');
    expect(ocr[0].list).toBeUndefined();
  });

  it('shufu-wukusake: a damaged department cell is replaced by the block headers in the steps', () => {
    const duty = row(get('shufu-wukusake'), 25);
    expect(duty.departments).toEqual([
      '疏附县委政法委',
      '疏附县教育局',
      '疏附县公安局',
      '疏附县市场监督管理局',
      '疏附县烟草专卖局',
      '疏附县文化体育广播电视和旅游局',
      '疏附县交通运输局',
    ]);
    expect(codes(duty)).toEqual(
      expect.arrayContaining(['UNRECOGNISED_DEPARTMENT', 'DEPARTMENT_ADDED_FROM_STEPS', 'DAMAGED_NAME']),
    );
    expect(lane(duty, 'department')[0].assignees).toEqual(['疏附县委政法委']);
  });

  it('reads the withdrawn assignment in all its forms', () => {
    const qitai = get('qitai-sangezhuangzi').withdrawn[0];
    expect(qitai).toMatchObject({
      no: 1,
      departments: ['奇台县民政局'],
      method: '对违规领取高龄津贴的追缴。',
      warnings: [],
    });
    const shufu = get('shufu-wukusake').withdrawn[1];
    expect(shufu).toMatchObject({
      no: 2,
      name: '收养登记',
      departments: ['疏附县民政局'],
      method: '负责收养登记。',
    });
    const typo = get('shufu-wukusake').withdrawn.find((d) => d.no === 41);
    expect(typo?.departments).toEqual(['疏附县交通运输局']); // "承接方式:" instead of "承接部门:"
    const joint = get('toksun-yilahu').withdrawn.find((d) => d.no === 11);
    expect(joint?.departments).toEqual(['托克逊县农业农村局', '托克逊县林业和草原局']);
    expect(joint?.method).toContain('托克逊县林业和草原局：负责野生动物疫源疫病的检测');
  });
});

describe('parseDutyList — fixture forms', () => {
  it('<p> markup, 1. numbering and a third party (承保机构) attributed to the lead department', () => {
    const duty = row(parseFixture('qitai-markup.txt'), 17);
    expect(duty.departments).toEqual(['奇台县农业农村局', '奇台县林业和草原局', '奇台县财政局']);
    const department = lane(duty, 'department');
    expect(department.map((s) => s.assignees)).toEqual([
      ['奇台县财政局'],
      ['奇台县农业农村局'],
      ['奇台县农业农村局'],
      ['奇台县农业农村局'],
      ['奇台县农业农村局'],
      ['奇台县财政局'],
      ['奇台县财政局'],
    ]);
    expect(department[1].text).toBe('承保机构每季度结束后，下一季度前20日给三个庄子镇提供承保补贴清单');
  });

  it('a department-lane step that names no department belongs to all the row’s departments', () => {
    const list = parseFixture('toksun-headers.txt');
    expect(lane(row(list, 80), 'department')[0].assignees).toEqual(['托克逊县卫生健康委员会']);
    const numbering = parseFixture('numbering-variants.txt');
    expect(lane(row(numbering, 3), 'department').every((s) => s.assignees.join() === '奇台县委组织部')).toBe(
      true,
    );
  });

  it('一、二、 sections in <p> markup, with order restarting per section', () => {
    const duty = row(parseFixture('qitai-markup.txt'), 29);
    const department = lane(duty, 'department');
    expect([...new Set(department.map((s) => s.section))]).toEqual([
      '农药使用指导、服务工作',
      '农药包装废弃物回收清理工作',
    ]);
    expect(department.map((s) => s.order)).toEqual([1, 2, 3, 4, 5, 6, 1, 2]);
    expect(lane(duty, 'township').map((s) => [s.section, s.order])).toEqual([
      ['农药使用指导、服务工作', 1],
      ['农药使用指导、服务工作', 2],
      ['农药使用指导、服务工作', 3],
      ['农药包装废弃物回收清理工作', 1],
      ['农药包装废弃物回收清理工作', 2],
      ['农药包装废弃物回收清理工作', 3],
      ['农药包装废弃物回收清理工作', 4],
    ]);
  });

  it('a section title followed by its text in the same paragraph (一、分户工作 村民委员会…)', () => {
    const duty = row(parseFixture('qitai-markup.txt'), 34);
    expect(lane(duty, 'township')).toEqual([
      {
        lane: 'township',
        assignees: ['三个庄子镇'],
        section: '分户工作',
        order: 1,
        text: '村民委员会、三个庄子镇对人员提出分户申请的，逐级出具审核意见',
      },
      expect.objectContaining({ section: '落户工作', order: 1 }),
    ]);
  });

  it('three sections without markup (一、地方病 1. … 二、职业病 … 三、慢性病 …)', () => {
    const duty = row(parseFixture('toksun-headers.txt'), 80);
    expect([...new Set(duty.steps.map((s) => s.section))]).toEqual(['地方病', '职业病', '慢性病']);
  });

  it('department block headers with a colon and unnumbered <ol> items split on ；', () => {
    const duty = row(parseFixture('qitai-markup.txt'), 80);
    const department = lane(duty, 'department');
    expect(department).toHaveLength(14);
    expect(department[0]).toEqual({
      lane: 'department',
      assignees: ['奇台县应急管理局'],
      section: null,
      order: 1,
      text: '统筹自然灾害综合监测预警',
    });
    expect(department.slice(5, 8).every((s) => s.assignees.join() === '奇台县自然资源局')).toBe(true);
    expect(department[13].assignees).toEqual(['奇台县水利局']);
  });

  it('headers in the middle of a cell (县委机构编制委员会办公室： 核对编制情况。) and "1. " numbering', () => {
    const duty = row(parseFixture('toksun-headers.txt'), 7);
    expect(lane(duty, 'department').map((s) => [s.assignees[0], s.text])).toEqual([
      ['托克逊县委组织部', '指导乡镇推荐符合条件人选'],
      ['托克逊县委组织部', '审核推荐人选资料'],
      ['托克逊县委组织部', '牵头组织做好考察工作'],
      ['托克逊县委组织部', '印发录用文件'],
      ['托克逊县委机构编制委员会办公室', '核对编制情况'],
      ['托克逊县人力资源和社会保障局', '审核推荐人选资料'],
      ['托克逊县人力资源和社会保障局', '做好考察工作'],
      ['托克逊县人力资源和社会保障局', '印发聘用文件'],
    ]);
  });

  it('joint-department headers (县农业农村局、县林业和草原局：) assign the step to both', () => {
    const list = parseFixture('toksun-headers.txt');
    expect(lane(row(list, 18), 'department')[0].assignees).toEqual([
      '托克逊县农业农村局',
      '托克逊县林业和草原局',
    ]);
    expect(lane(row(list, 28), 'department').map((s) => s.assignees)).toEqual([
      ['托克逊县农业农村局', '托克逊县林业和草原局'],
      ['托克逊县农业农村局', '托克逊县林业和草原局'],
    ]);
  });

  it('a prefecture-level header (市生态环境局托克逊县分局：) resolves to the cell’s full name', () => {
    const duty = row(parseFixture('toksun-headers.txt'), 30);
    expect(lane(duty, 'department')[2].assignees).toEqual(['吐鲁番市生态环境局托克逊县分局']);
  });

  it('a header naming a department the cell lacks adds it, with a warning', () => {
    const duty = row(parseFixture('toksun-headers.txt'), 48);
    expect(duty.departments).toContain('托克逊县住房和城乡建设局');
    expect(duty.warnings).toEqual([
      expect.objectContaining({
        code: 'DEPARTMENT_ADDED_FROM_STEPS',
        field: 'departments',
        list: 'cooperative',
        no: 48,
        line: 18,
      }),
    ]);
    expect(duty.warnings[0].message).toBe(
      '配合履职事项第 5 行（序号 48，文件第 18 行）上级部门职责中写明了「托克逊县住房和城乡建设局」，但对应上级部门一栏没有，已补充，请核对',
    );
  });

  it('headers without a colon: <p>县水利局</p>, <p>县应急管理局 指导…</p> and mid-cell "。 县消防救援局 开展…"', () => {
    const manas = parseFixture('manas-ocr-spaces.txt');
    expect(lane(row(manas, 82), 'department')[13].assignees).toEqual(['玛纳斯县水利局']);
    const added = row(manas, 87);
    expect(added.departments).toEqual(['玛纳斯县水利局', '玛纳斯县应急管理局']);
    expect(lane(added, 'department').map((s) => s.assignees[0])).toEqual([
      '玛纳斯县应急管理局',
      '玛纳斯县水利局',
    ]);
    const mulei = parseFixture('mulei-split-cells.txt');
    const fire = lane(row(mulei, 93), 'department');
    expect(fire[fire.length - 1]).toMatchObject({ assignees: ['木垒县消防救援局'], text: '开展防灭火工作' });
  });

  it('steps that begin with several departments (县市场监督管理局、县税务局负责…) and 国家税务总局 names', () => {
    const duty = row(parseFixture('manas-ocr-spaces.txt'), 24);
    expect(duty.warnings).toEqual([]);
    const last = lane(duty, 'department').at(-1) as ParsedStep;
    expect(last.assignees).toEqual(['玛纳斯县市场监督管理局', '国家税务总局玛纳斯县税务局']);
  });

  it('a 乡镇配合职责 that runs into an unlabelled 7th cell is kept whole', () => {
    const duty = row(parseFixture('mulei-split-cells.txt'), 66);
    expect([...new Set(lane(duty, 'township').map((s) => s.section))]).toEqual([
      '农作物秸秆综合利用',
      '农作物秸秆禁烧',
    ]);
  });

  it.each([
    [3, '1、'],
    [4, '1．'],
    [22, '1. '],
    [24, 'none (；-separated)'],
    [12, '<p>1.'],
  ])('numbering style of row %i (%s)', (no) => {
    const duty = row(parseFixture('numbering-variants.txt'), no);
    const expectedCounts: Record<number, [number, number]> = {
      3: [2, 3],
      4: [4, 3],
      22: [5, 2],
      24: [3, 4],
      12: [3, 1],
    };
    expect([lane(duty, 'department').length, lane(duty, 'township').length]).toEqual(expectedCounts[no]);
    for (const step of duty.steps) expect(step.text).not.toMatch(/^\d|^[、．.]/);
  });

  it('OCR fixture: markdown title, <ol><li>, <b>, ①②③ and damaged cells', () => {
    const list = parseFixture('shufu-ocr-damage.txt');
    expect(list.township).toEqual({ name: '吾库萨克镇', county: '疏附县', prefecture: '喀什地区' });
    expect(lane(row(list, 3), 'department').map((s) => s.text)).toEqual([
      '根据镇级上报的"五小工程"的使用需求进行规划布局,召开会议研究确定建设项目',
      '做好招投标和建设工作',
      '负责对项目的实施监管和验收,验收合格后资产移交乡镇',
    ]);
    expect(row(list, 62).name).toBe('院专坝整冶');
    expect(lane(row(list, 69), 'department')).toHaveLength(4);
    expect(row(list, 8).warnings.map((w) => w.message)).toContain(
      '配合履职事项第 5 行（序号 8，文件第 24 行）事项名称为空，请人工补录',
    );
    expect(row(list, 5).departments).toEqual([]);
    expect(row(list, 45).warnings.map((w) => w.code)).toEqual([
      'MISSING_CATEGORY',
      'UNRECOGNISED_DEPARTMENT',
      'EMPTY_DEPARTMENT_STEPS',
    ]);
    const basic = list.warnings
      .filter((w) => w.list === 'basic' && w.no !== undefined && w.code !== 'ROW_NUMBER_GAP')
      .map((w) => [w.code, w.no]);
    expect(basic).toEqual([
      ['DAMAGED_CATEGORY', 11],
      ['MISSING_CATEGORY', 118],
      ['DAMAGED_NAME', 132],
    ]);
  });

  it('stated totals that disagree with the rows give TOTAL_MISMATCH on the 说明 line', () => {
    const totals = parseFixture('toksun-headers.txt').warnings.filter((w) => w.code === 'TOTAL_MISMATCH');
    expect(totals.map((w) => [w.field, w.line])).toEqual([
      ['basic', 3],
      ['cooperative', 3],
      ['withdrawn', 3],
      ['total', 3],
    ]);
  });

  it('row-number gaps and repeats are reported', () => {
    const text = fixtureText('qitai-markup.txt').replace(/^3\t党的建设/m, '2\t党的建设');
    const warnings = parseText(text, 'dup.txt').warnings.filter((w) => w.list === 'basic');
    expect(warnings).toEqual([expect.objectContaining({ code: 'DUPLICATE_ROW_NUMBER', no: 2, line: 20 })]);
  });

  it('a row broken over several physical lines is joined; prose after the last row is not a row', () => {
    const original = parseFixture('qitai-markup.txt');
    const broken = fixtureText('qitai-markup.txt')
      .replace(' 2.通知残疾人到定点医院', '\n2.通知残疾人到定点医院') // inside the last cell, no tab follows
      .replace('\t1.引导残疾人', '\n\t1.引导残疾人') // a cell boundary moved to the next line
      .concat('\n注：本清单由三个庄子镇编制。\n');
    const joined = parseText(broken, 'split.txt');
    expect(row(joined, 38).steps).toEqual(row(original, 38).steps);
    expect(row(joined, 38).line).toBe(29);
    expect(joined.withdrawn.at(-1)?.method).toBe(original.withdrawn.at(-1)?.method);
  });
});

describe('parseDutyList — fatal problems', () => {
  it('an empty file', () => {
    expectFatal(Buffer.alloc(0), 'empty.txt', 1, /文件为空/);
  });

  it('a file with only blank lines', () => {
    expectFatal(Buffer.from('\n  \n\t\n'), 'blank.txt', 1, /只有空白/);
  });

  it('a binary file (PNG header with NUL bytes on its third line)', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    expectFatal(png, 'scan.png', 3, /NUL 字节.*UTF-8/);
  });

  it('text with a NUL byte names the line', () => {
    expectFatal(Buffer.from('序号\t事项类别\n1\t党的建设\u0000\n'), 'nul.txt', 2, /二进制文件/);
  });

  it('a GBK-encoded file says it is GBK and to save as UTF-8', () => {
    const gbk = Buffer.from([0xc2, 0xc4, 0xd6, 0xb0, 0xca, 0xc2, 0xcf, 0xee, 0xc7, 0xe5, 0xb5, 0xa5]); // 履职事项清单
    expectFatal(Buffer.concat([Buffer.from('2025\n\n'), gbk]), 'gbk.txt', 3, /GBK.*UTF-8/);
  });

  it('bytes that are neither UTF-8 nor GBK', () => {
    expectFatal(Buffer.from([0x41, 0x0a, 0xff, 0xff, 0xff]), 'junk.bin', 2, /不是有效的 UTF-8/);
  });

  it('a UTF-16LE file with BOM', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('履职事项清单\n序号', 'utf16le')]);
    expectFatal(utf16, 'utf16.txt', 1, /UTF-16LE/);
  });

  it('a UTF-16LE file without BOM', () => {
    expectFatal(
      Buffer.from('履职事项清单 序号 事项类别 README', 'utf16le'),
      'utf16-nobom.txt',
      1,
      /UTF-16LE/,
    );
  });

  it('a UTF-8 BOM is accepted', () => {
    const text = `\uFEFF${fixtureText('qitai-markup.txt')}`;
    expect(parseText(text, 'bom.txt').basic).toHaveLength(3);
  });

  it('a README is not a duty list', () => {
    expectFatal(
      readFileSync(join(FIXTURES, 'not-a-duty-list.md')),
      'not-a-duty-list.md',
      1,
      /不是履职事项清单/,
    );
  });

  it('a document cut in the middle of a cooperative row', () => {
    expectFatal(
      readFileSync(join(FIXTURES, 'truncated-qitai.txt')),
      'truncated-qitai.txt',
      160,
      /序号 5 只有 5 列.*截断/,
    );
  });

  it('a list title with no rows after it', () => {
    const lines = fixtureText('qitai-markup.txt').split('\n');
    const cut = lines.slice(0, 24).join('\n'); // up to and including the 配合 header
    expectFatal(Buffer.from(cut), 'cut.txt', 22, /配合履职事项清单」之后没有任何事项行/);
  });

  it('a document that stops before the 上级部门收回事项清单', () => {
    const lines = fixtureText('qitai-markup.txt').split('\n');
    expectFatal(
      Buffer.from(lines.slice(0, 31).join('\n')),
      'no-withdrawn.txt',
      30,
      /缺少「上级部门收回事项清单」/,
    );
  });

  it('a cooperative header missing a column', () => {
    const text = fixtureText('qitai-markup.txt').replace('上级部门职责\t乡镇配合职责', '上级部门职责');
    expectFatal(Buffer.from(text), 'header.txt', 24, /表头缺少「乡镇配合职责」列/);
  });

  it('lists without any township title', () => {
    const text = fixtureText('manas-ocr-spaces.txt').replace(/昌吉州玛纳斯县六户地镇/g, '');
    expectFatal(Buffer.from(text), 'untitled.txt', 1, /找不到清单标题/);
  });
});
