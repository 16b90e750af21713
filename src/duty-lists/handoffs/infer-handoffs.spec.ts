import { HandoffStepInput, DependencyRule, inferHandoffs } from './infer-handoffs';
import { departmentMentionForms } from './department-mentions';

const QITAI = { township: '三个庄子镇', mentionForms: (d: string) => departmentMentionForms(d, '奇台县') };
const dept = (assignee: string, text: string, section: string | null = null): HandoffStepInput => ({
  lane: 'department',
  assignees: [assignee],
  section,
  text,
});
const town = (text: string, section: string | null = null): HandoffStepInput => ({
  lane: 'township',
  assignees: ['三个庄子镇'],
  section,
  text,
});

// 奇台县三个庄子镇 #38 残疾人证管理, as the parser reads it.
const DISABILITY_CARD = [
  dept('奇台县残联', '县残联审核办证材料，并录入办证系统，制作残疾人证并发放至三个庄子镇'),
  dept(
    '奇台县残联',
    '县残联联合县民政局对三个庄子镇上报的残疾人死亡、失联、户籍迁出等情况在全国残疾人系统更新信息',
  ),
  town('引导残疾人到县政务中心领取鉴定表（由便民服务中心干部指导填写鉴定表中的基本信息）'),
  town('通知残疾人到定点医院鉴定残疾等级'),
  town('评定结论符合残疾标准的残疾人将鉴定表送至镇便民服务中心'),
  town('指导村予以公示，公示时间为五个工作日'),
  town('将鉴定表、身份证复印件、户口本复印件、3张两寸近期免冠白底彩照送至县残联'),
  town('领取残疾人证并发放给残疾人'),
  town('对残疾人死亡、失联、户籍迁出等情况，定期开展残疾人证动态核查，并出具相关证明报县残联、县民政局处理'),
];

describe(inferHandoffs.name, () => {
  it('should make 县残联 review what the town submits and the town distribute what 县残联 sends down', () => {
    const flow = inferHandoffs(DISABILITY_CARD, QITAI);
    expect(flow.steps[0].dependsOn).toEqual([7]);
    expect(flow.steps[0].evidence).toEqual([
      { on: 7, rule: DependencyRule.TownshipToDepartment, words: ['送至…县残联', '审核'] },
    ]);
    expect(flow.steps[7].dependsOn).toEqual([1, 7]);
    expect(flow.steps[7].evidence[0]).toEqual({
      on: 1,
      rule: DependencyRule.DepartmentToTownship,
      words: ['发放至三个庄子镇', '领取'],
    });
    expect(flow.needsReview).toBe(false);
  });

  it('should mark the periodic check standing: no dependency either way, and nothing waits for it', () => {
    const flow = inferHandoffs(DISABILITY_CARD, QITAI);
    expect(flow.steps[8]).toMatchObject({ standing: true, standingWords: ['动态核查'], dependsOn: [] });
    expect(flow.steps.some((s) => s.dependsOn.includes(9))).toBe(false);
  });

  it('should run blocks headed by different departments in parallel and keep document order inside each', () => {
    const flow = inferHandoffs(
      [
        dept('奇台县应急管理局', '统筹自然灾害综合监测预警'),
        dept('奇台县应急管理局', '汇总申报自然灾害防治项目'),
        dept('奇台县自然资源局', '统筹地质灾害监测'),
        dept('奇台县自然资源局', '申报并实施地质灾害治理项目'),
        dept('奇台县水利局', '负责水工程监管'),
        town('汇总本镇防灾减灾能力和基础数据'),
      ],
      QITAI,
    );
    expect(flow.steps.map((s) => s.dependsOn)).toEqual([[], [1], [], [3], [], []]);
    expect(flow.steps[1].evidence).toEqual([{ on: 1, rule: DependencyRule.LaneOrder, words: [] }]);
    expect(flow.needsReview).toBe(true);
  });

  it('should keep sections independent', () => {
    const flow = inferHandoffs(
      [
        dept('奇台县公安局', '收到申请后，指派民警核实', '分户工作'),
        town('村民委员会对分户申请出具意见并上报县公安局', '分户工作'),
        town('对落户申请出具审核意见并报县公安局', '落户工作'),
      ],
      QITAI,
    );
    expect(flow.steps[0].dependsOn).toEqual([2]);
    expect(flow.steps[2].dependsOn).toEqual([]);
  });

  it('should read a "…后" naming the step\'s own work (汇总完数据后) as no handoff, and let its submission gate the review', () => {
    const flow = inferHandoffs(
      [
        dept('奇台县委组织部', '组织党务干部更新系统，并负责系统相关数据汇总'),
        town('汇总完数据后，将数据报送至县委组织部'),
      ],
      QITAI,
    );
    expect(flow.steps[1].dependsOn).toEqual([]);
    expect(flow.steps[0].dependsOn).toEqual([2]);
  });

  it('should read 向县委组织部提出… as a submission and 对提出申请的人员… as no submission of the town', () => {
    const review = dept('奇台县委组织部', '对基层党组织推荐的表彰对象进行审核');
    expect(inferHandoffs([review, town('向县委组织部提出表彰对象建议')], QITAI).steps[0].dependsOn).toEqual([
      2,
    ]);
    expect(
      inferHandoffs([review, town('镇级指导村对提出申请岗位的人员进行身份初审')], QITAI).steps[0].dependsOn,
    ).toEqual([]);
  });

  it('should make a town step naming a department outcome (验收合格) wait for the step producing it', () => {
    const flow = inferHandoffs(
      [
        dept('奇台县林业和草原局', '负责对改造任务完成情况验收和上图，审核发放补助资金'),
        town('公示葡萄架式改造验收合格农户名单'),
      ],
      QITAI,
    );
    expect(flow.steps[1].evidence).toEqual([
      { on: 1, rule: DependencyRule.AfterCondition, words: ['验收', '验收合格'] },
    ]);
  });

  it('should read a condition naming the town itself (镇级复核后) as its own work', () => {
    const flow = inferHandoffs(
      [dept('奇台县人力资源和社会保障局', '复核材料'), town('镇级复核后，报县人力资源和社会保障局审批')],
      QITAI,
    );
    expect(flow.steps[1].dependsOn).toEqual([]);
    expect(flow.steps[0].dependsOn).toEqual([2]);
  });

  it('should not take a department named as who asked (按照县政协要求推荐) for the receiver', () => {
    const flow = inferHandoffs(
      [dept('奇台县政协', '审定政协委员提案'), town('按照县政协要求，推荐需要补缺的政协委员候选人')],
      QITAI,
    );
    expect(flow.steps[0].dependsOn).toEqual([]);
  });

  it.each([
    ['a report inside the town', '各村核实到龄老年人信息并报镇'],
    ['a report to the town party committee', '确定推荐人选，上报镇党委'],
    ['a filing nobody acts on', '将应急预案报县民政局备案'],
    ['joint work at the same time', '会同县民政局同步进行公示'],
  ])('should not read %s as a handoff', (_label, text) => {
    const flow = inferHandoffs([dept('奇台县民政局', '审核材料并录入系统'), town(text)], QITAI);
    expect(flow.steps[0].dependsOn).toEqual([]);
    expect(flow.steps[1].dependsOn).toEqual([]);
  });

  it('should not let a department reporting upward hand anything to the town', () => {
    const flow = inferHandoffs([dept('奇台县民政局', '汇总后上报州民政局'), town('根据安排组织实施')], QITAI);
    expect(flow.steps[1].dependsOn).toEqual([]);
  });

  it('should gate a "…后" condition on the step in the other lane that produces it', () => {
    const flow = inferHandoffs(
      [
        dept('奇台县委组织部', '对上报的代表候选人预备人选进行审批'),
        town('上级党委批复后，召开党员大会选举产生代表'),
      ],
      QITAI,
    );
    expect(flow.steps[1].evidence).toEqual([
      { on: 1, rule: DependencyRule.AfterCondition, words: ['审批', '上级党委批复后'] },
    ]);
  });

  it('should give standing steps (宣传, 日常, 常态化…) no cross-lane dependency', () => {
    const flow = inferHandoffs(
      [
        dept('奇台县农业农村局', '对镇上报的问题开展宣传'),
        town('开展常态化宣传并上报县农业农村局'),
        town('日常巡查并报县农业农村局'),
      ],
      QITAI,
    );
    expect(flow.steps.every((s) => s.standing && s.dependsOn.length === 0)).toBe(false); // all standing: kept ordinary
    const mixed = inferHandoffs(
      [
        dept('奇台县农业农村局', '审核镇上报的材料'),
        town('收集材料上报县农业农村局'),
        town('开展常态化宣传'),
      ],
      QITAI,
    );
    expect(mixed.steps[2]).toMatchObject({ standing: true, dependsOn: [] });
    expect(mixed.steps[0].dependsOn).toEqual([2]);
  });

  it('should never produce a cycle', () => {
    const flow = inferHandoffs(
      [dept('奇台县民政局', '下发通知至镇，审核镇上报的名单'), town('根据通知摸排名单并上报县民政局')],
      QITAI,
    );
    const deps = new Map(flow.steps.map((s) => [s.position, s.dependsOn]));
    expect(deps.get(1)?.includes(2) && deps.get(2)?.includes(1)).toBeFalsy();
  });
});
