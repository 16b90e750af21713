import { webhookErrorWords, webhookStatusWord } from './webhook';

describe('webhook words', () => {
  it('should name each delivery status in Chinese', () => {
    expect(webhookStatusWord('pending').word).toBe('发送中');
    expect(webhookStatusWord('delivered')).toEqual({ word: '已送达', tag: 'success' });
    expect(webhookStatusWord('failed')).toEqual({ word: '发送失败', tag: 'danger' });
  });

  it('should put the HTTP status and network codes into words and keep Chinese reasons', () => {
    expect(webhookErrorWords('HTTP 503')).toBe('对方返回错误（HTTP 503）');
    expect(webhookErrorWords('网络错误：fetch failed (ECONNREFUSED)')).toBe(
      '网络错误：对方拒绝连接（ECONNREFUSED）',
    );
    expect(webhookErrorWords('网络错误：fetch failed (EWHATEVER)')).toBe(
      '网络错误：fetch failed (EWHATEVER)',
    );
    expect(webhookErrorWords('超时：10000 ms 内无响应')).toBe('超时：10000 ms 内无响应');
    expect(webhookErrorWords(null)).toBe('—');
  });
});
