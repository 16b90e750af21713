export enum UserRole {
  Admin = 'admin',
  Supervisor = 'supervisor',
  DepartmentStaff = 'department_staff',
  TownshipStaff = 'township_staff',
}

export const USER_ROLE_LABELS: Record<UserRole, string> = {
  [UserRole.Admin]: '系统管理员',
  [UserRole.Supervisor]: '督办人员',
  [UserRole.DepartmentStaff]: '县直部门工作人员',
  [UserRole.TownshipStaff]: '乡镇工作人员',
};
