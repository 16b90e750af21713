import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  {
    path: 'cases/new',
    name: 'new-case',
    component: () => import('./NewCasePage.vue'),
    meta: { title: '发起办件', menu: { order: 15, roles: ['township_staff'] } },
  },
];
