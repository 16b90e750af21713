import { StepLane } from 'src/domain/vocabulary';

// The words a careful clerk reads to see how a township's and its county departments' steps interlock.
// Kept in one place so the README, the inference and the tests describe the same vocabulary.

/** A township step that sends work up: the verb, then (within a few characters) where it goes. */
export const SUBMIT_VERB =
  /(上报|报送|呈报|报请|提交|送至|送交|送达|移交|申请|申报|递交|提请|(?<!形成|撰写|考察|述职|调查|分析|总结|评估)报告|推荐|交至|上交|上缴|提出|到|报(?!警|销|名|刊|纸|道|表|告))/g;

/** Right after a submit verb: a target inside the township (报镇, 上报镇党委, 报村) — not a handoff. */
export const INTERNAL_TARGET = /^(?:至|给|到)?(?:本镇|本乡|镇|乡|村|社区|所在村|党支部|支部|各村)/;

/** Right after a submit verb: an unnamed county-level target (上报县级主管部门, 报上级党委). */
export const GENERIC_TARGET = /^(?:至|给|到)?(?:县级?|上级|相关部门|主管部门|行业部门|业务部门|有关部门)/;

/** A submission that only files a record nobody acts on. */
export const FILING_ONLY = /备案/;

/** Upward reports of a department (上报州…, 报县人民政府审议): they leave the county, not the case's lanes. */
export const UPWARD_OUT_OF_CASE =
  /^(?:至|给|到)?(?:州|自治区|地区|县人民政府|县政府|县委(?![\u4e00-\u9fa5]{0,6}(?:部|办|局))|国家|省|上级人民政府)/;

/** A department step that works on what a township sent. */
export const REVIEW_VERB =
  /(审核|审批|复审|审查|初审|资格联审|会审|核查|核实|复核|受理|验收|审定|评审|认定|(?<!考)核定|核准|接收|接受|收到|查处|处置|处理|调查|研判|汇总|确认|批复|论证|核对|把关|评定|评估|考察)/;

/** A department step quoting the township's submission (镇上报的, 乡提供的, 根据镇…). */
export function townshipReferenceCue(township: string): RegExp {
  const town = `(?:${escape(township)}|${escape(township.slice(0, -1))}|乡镇|镇|乡|街道)`;
  const verb = '(?:上报|报送|报告|提交|提供|申报|推荐|递交|报来|反馈|初审|核实|核查|摸排|报)';
  return new RegExp(
    `(?:${town}[^，,。；;]{0,8}?${verb}[^，,。；;]{0,6}?的|(?:对|根据|针对|按照|依据|审核|受理|接收)[^，,。；;]{0,6}?${town}[^，,。；;]{0,8}?${verb}|(?:对|根据|针对)(?:上报|报送|提交|报来)的|根据${town}|收到[^，,。；;]{0,20}后|接到${town}|(?:收到|接到)[^，,。；;]{0,6}(?:结果|材料|名单|申请|报告))`,
  );
}

/** A department step that hands work down: the verb, then the township / village as the receiver. */
export const HAND_DOWN_VERB =
  /(推送|下发|下达|通知|印发|分配|发放|移交|反馈|交办|转交|派发|下派|转办|返还|告知|转发|发送|送达|交付|提供|调拨|下拨|拨付|授权)/g;

/** Right after a hand-down verb: a township-side receiver. */
export const TOWNSHIP_RECEIVER = /^(?:至|给|到)?(?:各)?(?:乡镇|乡|镇|村|社区|街道)/;

/** A department step that sets the plan the township then follows (制定方案 → 根据…/按照…). */
export const PLAN_VERB =
  /(制定|明确|部署|安排|确定|下达|下发|布置|组织开展|拟定|印发)[^，,。；;]{0,16}(方案|计划|要求|任务|指标|标准|安排|名额|通知|清单|程序|条件)/;

/** A department step that trains or convenes the township: it opens the exchange rather than receiving. */
export const TRAINING_OR_MEETING = /(培训|动员部署|部署会|召开[^，,。；;]{0,10}会议)/;

/** A township step acting on what a department sent down. */
export const ACT_ON_CUE =
  /(根据|按照|依据|接到|收到|领取|传达上级|(?:参加|参与)[^，,。；;]{0,16}培训|参训|[^，,。；;]{0,12}(?:推送|下发|下达|反馈|转办|交办|分配|通知)的)/;

/** Words of a township act-on cue that name the department verb they answer. */
export const QUOTED_HAND_DOWN =
  /(推送|下发|下达|反馈|转办|交办|分配|通知|发放|培训|清单|方案|计划|任务|指标|名单|审批|批复)/g;

/** A township step naming a department's outcome (验收合格农户名单, 审核通过的): waits for the step producing it. */
export const OUTCOME_QUOTE = /(验收|审核|审批|审查|复核|复审)(?:合格|通过)(?!后)/g;

/** "…后" conditions: the act that must have happened (批复后, 审核通过后, 接到清单后). */
export const AFTER_CONDITION = /([\u4e00-\u9fa5]{1,10}?)(?:通过|同意|完成|合格|无误)?后[，,]/g;

/**
 * What a "…后" condition names, which lane produces it, and the words the producing step uses, best
 * first. A township waits for a department's 批复/审核/下达…; a department for a township's 上报/申请….
 */
export const CONDITION_PRODUCERS: ReadonlyArray<{
  condition: RegExp;
  producedBy: StepLane;
  producers: RegExp[];
}> = [
  { condition: /批复|审批|批准|获批/, producedBy: 'department', producers: [/批复|审批|批准/, /审定|审核/] },
  {
    condition: /审核|审查|复核|核实|审定/,
    producedBy: 'department',
    producers: [/审核|审查|复核|核实|审定/, /审批/],
  },
  { condition: /验收/, producedBy: 'department', producers: [/验收/] },
  {
    condition: /下达|下发|推送|印发|通知|授权|分配|调拨/,
    producedBy: 'department',
    producers: [/下达|下发|推送|印发|通知|授权|分配|调拨/],
  },
  { condition: /反馈/, producedBy: 'department', producers: [/反馈/] },
  { condition: /清单|名单/, producedBy: 'department', producers: [/清单|名单/] },
  {
    condition: /上报|报送|提交|申请|申报/,
    producedBy: 'township',
    producers: [/上报|报送|提交|申请|申报|报县|送至/],
  },
];

/** Standing duties: a responsibility held all the time rather than an act in this case. */
export const STANDING_STRONG =
  /(常态化|日常|长期|动态核查|动态管理|动态监测|动态调整|动态掌握|监督指导|指导监督|宣传|宣讲|普及|建立健全|健全[^，,。；;]{0,10}(?:制度|机制)|建立[^，,。；;]{0,10}(?:制度|机制|台账)|值班值守|不定期)/;

/** Periodic words: standing only when the step takes part in no handoff. */
export const STANDING_PERIODIC =
  /(定期|每年|每季度|每半年|每月|每周|年度|每学期|逐年|巡查|巡回检查|台账|经常|持续)/;

/** Joint work at the same time (同步公示, 会同, 联合): a step that names another unit without a handoff. */
export const JOINT_WORK = /(同步|会同|协同|联合|共同|配合)/;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
