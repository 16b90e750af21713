import { ref } from 'vue';
import { api } from '@/api/client';

// The unread count next to 消息 in the top bar; pages that read messages refresh it.
export const unreadCount = ref(0);

export async function refreshUnread(): Promise<void> {
  const { data, response } = await api.GET('/api/notifications', {
    params: { query: { unread: true, page: 1, pageSize: 1 } },
  });
  if (response.ok && data) unreadCount.value = (data as unknown as { total: number }).total;
}
