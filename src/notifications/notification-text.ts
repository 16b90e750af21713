import { maskPersonalData } from 'src/common/personal-data/masking';
import { OutboxEventType, StepOutboxPayload } from './outbox-event';

const TITLE_SUFFIX: Record<OutboxEventType, string> = {
  [OutboxEventType.StepReady]: '有新环节待办理',
  [OutboxEventType.StepReturned]: '有环节被退回，请重新办理',
  [OutboxEventType.StepReassigned]: '有环节改由本单位办理',
  [OutboxEventType.StepReminder]: '有环节即将到期，请及时办理',
  [OutboxEventType.StepOverdue]: '有环节已逾期',
  [OutboxEventType.StepEscalated]: '有环节逾期未办，已升级督办',
  [OutboxEventType.StepUrged]: '有环节被催办',
  [OutboxEventType.UrgeReplied]: '承办单位已反馈催办',
  [OutboxEventType.StepWithdrawn]: '有环节被撤回，已收回待办',
  [OutboxEventType.OverdueDigest]: '逾期事项汇总',
};

export interface NotificationText {
  title: string;
  body: string;
}

// The clerk-facing text, fixed when the notification is created (the inbox shows what was sent).
// e.g. 「残疾人证管理 · 张三」有新环节待办理 / 环节：… / 办理期限：2025-10-10
// Personal data typed into a title or note (identity numbers, mobiles) is masked: notifications and
// webhooks leave the case view, where only the units concerned may read it in full.
export function buildNotificationText(type: OutboxEventType, payload: StepOutboxPayload): NotificationText {
  const text = composeText(type, payload);
  return { title: maskPersonalData(text.title), body: maskPersonalData(text.body) };
}

function composeText(type: OutboxEventType, payload: StepOutboxPayload): NotificationText {
  if (type === OutboxEventType.OverdueDigest) {
    return { title: payload.caseTitle, body: `当前逾期 ${payload.daysOverdue ?? 0} 件：${payload.stepText}` };
  }
  const lines = [`环节：${payload.stepText}`];
  if (payload.dueDate) lines.push(`办理期限：${payload.dueDate}`);
  if (payload.daysOverdue) lines.push(`已逾期：${payload.daysOverdue} 个工作日`);
  if (payload.level) lines.push(`督办级别：第 ${payload.level} 级`);
  if (payload.note) lines.push(`说明：${payload.note}`);
  return { title: `「${payload.caseTitle}」${TITLE_SUFFIX[type]}`, body: lines.join('\n') };
}
