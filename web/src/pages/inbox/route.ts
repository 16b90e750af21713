import type { RouteRecordRaw } from 'vue-router';

// 待办 and 已办 share one page (the same table over /api/inbox and /api/done).
export const routes: RouteRecordRaw[] = [
  {
    path: 'inbox',
    name: 'inbox',
    component: () => import('./InboxPage.vue'),
    props: { kind: 'inbox' },
    meta: { title: '待办', menu: { order: 20, roles: ['township_staff', 'department_staff'] } },
  },
  {
    path: 'done',
    name: 'done',
    component: () => import('./InboxPage.vue'),
    props: { kind: 'done' },
    meta: { title: '已办', menu: { order: 22, roles: ['township_staff', 'department_staff'] } },
  },
];
