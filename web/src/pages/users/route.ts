import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  {
    path: 'users',
    name: 'users',
    component: () => import('./UsersPage.vue'),
    meta: { title: '用户管理', menu: { order: 90, roles: ['admin'] } },
  },
];
