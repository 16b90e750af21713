export enum ImportStatus {
  Queued = 'queued',
  Running = 'running',
  Succeeded = 'succeeded',
  Failed = 'failed',
}

export const IMPORT_STATUS_LABELS: Record<ImportStatus, string> = {
  [ImportStatus.Queued]: '排队中',
  [ImportStatus.Running]: '导入中',
  [ImportStatus.Succeeded]: '已完成',
  [ImportStatus.Failed]: '失败',
};
