import type { RouteRecordRaw } from 'vue-router';
import { menuFor } from './menu';

const noop = () => Promise.resolve({});
const routes: RouteRecordRaw[] = [
  { path: 'inbox', component: noop, meta: { title: '待办', menu: { order: 20 } } },
  { path: '', component: noop, meta: { title: '工作台', menu: { order: 10 } } },
  { path: 'cases/new', component: noop, meta: { title: '发起办件', menu: { order: 30, roles: ['township_staff'] } } },
  { path: 'cases/:id', component: noop, meta: { title: '办件详情' } },
];

describe(menuFor.name, () => {
  it('should list menu pages in order and leave out pages without a menu entry', () => {
    expect(menuFor(routes, 'township_staff').map((item) => item.title)).toEqual(['工作台', '待办', '发起办件']);
  });

  it('should hide a page from roles it is not for', () => {
    expect(menuFor(routes, 'department_staff').map((item) => item.path)).toEqual(['/', '/inbox']);
  });
});
