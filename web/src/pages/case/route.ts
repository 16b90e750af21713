import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  { path: 'cases/:id', name: 'case', component: () => import('./CasePage.vue'), meta: { title: '办件详情' } },
];
