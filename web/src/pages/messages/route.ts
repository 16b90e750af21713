import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  {
    path: 'messages',
    name: 'messages',
    component: () => import('./MessagesPage.vue'),
    meta: { title: '消息', menu: { order: 90, roles: ['township_staff', 'department_staff', 'supervisor'] } },
  },
];
