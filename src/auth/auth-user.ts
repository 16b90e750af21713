import { UserRole } from 'src/users/user-role';

// Who is calling, as the guard attaches it to the request.
export interface AuthUser {
  id: string;
  username: string;
  role: UserRole;
  departmentId: string | null;
  townshipId: string | null;
  county: string | null;
}

export interface TokenClaims {
  sub: string;
  role: UserRole;
}
