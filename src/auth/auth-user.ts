import { UserRole } from 'src/users/user-role';
import { UserRecord } from 'src/users/users.repository';

// Who is calling, as the guard attaches it to the request.
export interface AuthUser {
  id: string;
  username: string;
  role: UserRole;
  departmentId: string | null;
  townshipId: string | null;
  county: string | null;
  // 负责人 of their department or township.
  isLeader?: boolean;
}

export interface TokenClaims {
  sub: string;
  role: UserRole;
  // The user's tokenVersion when signed: a password change, disabling or a move ends older tokens.
  ver?: number;
}

export function toAuthUser(user: UserRecord): AuthUser {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    departmentId: user.departmentId,
    townshipId: user.townshipId,
    county: user.county,
    isLeader: user.isLeader,
  };
}
