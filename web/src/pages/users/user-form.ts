// Pure rules of the 用户管理 page: role words, which unit a role belongs to, and the create body.

export type Role = 'admin' | 'supervisor' | 'department_staff' | 'township_staff';

export const ROLE_WORDS: Record<Role, string> = {
  admin: '系统管理员',
  supervisor: '督办人员',
  department_staff: '县直部门工作人员',
  township_staff: '乡镇工作人员',
};

export const ROLES = Object.keys(ROLE_WORDS) as Role[];

export interface UserForm {
  username: string;
  displayName: string;
  role: Role;
  county: string;
  departmentId: string;
  townshipId: string;
  phone: string;
  password: string;
  isLeader: boolean;
}

export function emptyForm(): UserForm {
  return {
    username: '',
    displayName: '',
    role: 'township_staff',
    county: '',
    departmentId: '',
    townshipId: '',
    phone: '',
    password: '',
    isLeader: false,
  };
}

// Which unit field the role needs: a department, a township, a county (supervisors) or none (admins).
export function unitFieldOf(role: Role): 'department' | 'township' | 'county' | null {
  if (role === 'department_staff') return 'department';
  if (role === 'township_staff') return 'township';
  if (role === 'supervisor') return 'county';
  return null;
}

// Only what the role needs goes to the API (the unit by id, picked by its name in the form).
export function toCreateBody(form: UserForm) {
  const unit = unitFieldOf(form.role);
  return {
    username: form.username.trim(),
    displayName: form.displayName.trim(),
    role: form.role,
    password: form.password,
    phone: form.phone.trim() || undefined,
    isLeader: (unit === 'department' || unit === 'township') && form.isLeader,
    department: unit === 'department' ? form.departmentId || undefined : undefined,
    township: unit === 'township' ? form.townshipId || undefined : undefined,
    county: unit === 'county' ? form.county || undefined : undefined,
  };
}
