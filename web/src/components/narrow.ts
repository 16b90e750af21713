import { onBeforeUnmount, ref } from 'vue';

// True on a phone-width screen (≤ 600 px): tables become card lists there.
export function useNarrow() {
  const query = window.matchMedia('(max-width: 600px)');
  const narrow = ref(query.matches);
  const update = (event: MediaQueryListEvent) => {
    narrow.value = event.matches;
  };
  query.addEventListener('change', update);
  onBeforeUnmount(() => query.removeEventListener('change', update));
  return narrow;
}
