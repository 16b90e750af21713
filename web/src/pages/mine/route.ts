import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  {
    path: 'mine',
    name: 'mine',
    component: () => import('./MyCasesPage.vue'),
    meta: { title: '我发起的', menu: { order: 24, roles: ['township_staff'] } },
  },
];
