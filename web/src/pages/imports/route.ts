import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  {
    path: 'imports',
    name: 'imports',
    component: () => import('./ImportsPage.vue'),
    meta: { title: '清单导入', menu: { order: 70, roles: ['admin'] } },
  },
];
