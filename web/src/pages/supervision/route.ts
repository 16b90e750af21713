import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  {
    path: 'supervision',
    name: 'supervision',
    component: () => import('./SupervisionBoardPage.vue'),
    meta: {
      title: '督办看板',
      menu: { order: 50, roles: ['supervisor', 'admin'], leaders: ['department_staff', 'township_staff'] },
    },
  },
];
