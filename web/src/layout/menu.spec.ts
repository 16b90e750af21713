import type { RouteRecordRaw } from 'vue-router';
import { menuFor } from './menu';

const noop = () => Promise.resolve({});
const routes: RouteRecordRaw[] = [
  { path: 'inbox', component: noop, meta: { title: '待办', menu: { order: 20 } } },
  { path: '', component: noop, meta: { title: '工作台', menu: { order: 10 } } },
  {
    path: 'cases/new',
    component: noop,
    meta: { title: '发起办件', menu: { order: 30, roles: ['township_staff'] } },
  },
  { path: 'cases/:id', component: noop, meta: { title: '办件详情' } },
  {
    path: 'supervision',
    component: noop,
    meta: { title: '督办看板', menu: { order: 50, roles: ['supervisor'], leaders: ['department_staff'] } },
  },
];

describe(menuFor.name, () => {
  it('should list menu pages in order and leave out pages without a menu entry', () => {
    expect(menuFor(routes, 'township_staff').map((item) => item.title)).toEqual([
      '工作台',
      '待办',
      '发起办件',
    ]);
  });

  it('should hide a page from roles it is not for', () => {
    expect(menuFor(routes, 'department_staff').map((item) => item.path)).toEqual(['/', '/inbox']);
  });

  it("should show a 负责人's page to the leaders of that role only", () => {
    expect(menuFor(routes, 'department_staff', true).map((item) => item.path)).toEqual([
      '/',
      '/inbox',
      '/supervision',
    ]);
    expect(menuFor(routes, 'township_staff', true).map((item) => item.path)).toEqual([
      '/',
      '/inbox',
      '/cases/new',
    ]);
  });
});
