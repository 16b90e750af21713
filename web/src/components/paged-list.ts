import { ref, type Ref } from 'vue';
import { networkMessage } from '@/api/errors';
import type { Page } from '@/api/types';

// Every list page: rows of the current server page, its total, loading and error state.
export function usePagedList<T>(fetchPage: (page: number, pageSize: number) => Promise<Page<T>>, size = 20) {
  const rows = ref([]) as Ref<T[]>;
  const total = ref(0);
  const page = ref(1);
  const pageSize = ref(size);
  const loading = ref(false);
  const error = ref('');

  async function load(): Promise<void> {
    loading.value = true;
    error.value = '';
    try {
      const data = await fetchPage(page.value, pageSize.value);
      rows.value = data.items;
      total.value = data.total;
    } catch (caught) {
      error.value = networkMessage(caught);
    } finally {
      loading.value = false;
    }
  }

  // A new filter starts again at page 1.
  function search(): void {
    page.value = 1;
    void load();
  }

  return { rows, total, page, pageSize, loading, error, load, search };
}

// A list the server sends whole (no pages): its rows, loading and error state.
export function useList<T>(fetchAll: () => Promise<T[]>) {
  const { rows, loading, error, load } = usePagedList<T>(async () => {
    const items = await fetchAll();
    return { items, total: items.length };
  });
  return { rows, loading, error, load };
}
