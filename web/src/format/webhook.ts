// A unit's webhook deliveries as an admin reads them: statuses and failure reasons in Chinese words.
export type WebhookStatusWord = 'pending' | 'delivered' | 'failed';

const STATUS_WORDS: Record<WebhookStatusWord, { word: string; tag: 'info' | 'success' | 'danger' }> = {
  pending: { word: '发送中', tag: 'info' },
  delivered: { word: '已送达', tag: 'success' },
  failed: { word: '发送失败', tag: 'danger' },
};

export function webhookStatusWord(status: WebhookStatusWord): {
  word: string;
  tag: 'info' | 'success' | 'danger';
} {
  return STATUS_WORDS[status];
}

// Node's network error codes the server records in brackets, e.g. `网络错误：fetch failed (ECONNREFUSED)`.
const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: '对方拒绝连接',
  ENOTFOUND: '域名无法解析',
  EAI_AGAIN: '域名暂时无法解析',
  ECONNRESET: '连接被对方断开',
  EHOSTUNREACH: '对方主机不可达',
  ENETUNREACH: '网络不可达',
  CERT_HAS_EXPIRED: '对方证书已过期',
  DEPTH_ZERO_SELF_SIGNED_CERT: '对方使用自签名证书',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: '无法验证对方证书',
};

// The server's reasons are already Chinese except the HTTP status and Node's codes; those get words.
export function webhookErrorWords(error: string | null | undefined): string {
  if (!error) return '—';
  const http = /^HTTP (\d{3})$/.exec(error);
  if (http) return `对方返回错误（HTTP ${http[1]}）`;
  const network = /^网络错误：.*\(([A-Z_]+)\)$/.exec(error);
  if (network && NETWORK_WORDS[network[1]]) return `网络错误：${NETWORK_WORDS[network[1]]}（${network[1]}）`;
  return error;
}
