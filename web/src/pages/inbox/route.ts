import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  {
    path: 'inbox',
    name: 'inbox',
    component: () => import('./InboxPage.vue'),
    meta: { title: '待办', menu: { order: 20, roles: ['township_staff', 'department_staff'] } },
  },
];
