import { ApiProperty } from '@nestjs/swagger';
import { AuthUser } from 'src/auth/auth-user';
import { LoginResult } from 'src/auth/auth.service';
import { UserRole } from 'src/users/user-role';

export class AuthUserResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '三个庄子镇' })
  username!: string;

  @ApiProperty({
    enum: UserRole,
    description:
      'admin=系统管理员，supervisor=督办人员，department_staff=县直部门人员，township_staff=乡镇人员',
  })
  role!: UserRole;

  @ApiProperty({ format: 'uuid', type: String, nullable: true, description: '所在县直部门' })
  departmentId!: string | null;

  @ApiProperty({ format: 'uuid', type: String, nullable: true, description: '所在乡镇' })
  townshipId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: '所在或所辖县', example: '奇台县' })
  county!: string | null;
}

export class LoginResponseDto {
  @ApiProperty({ description: '访问令牌，放在 Authorization: Bearer … 中' })
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ description: '有效期（秒）', example: 28800 })
  expiresIn!: number;

  @ApiProperty({ type: AuthUserResponseDto })
  user!: AuthUserResponseDto;
}

export function toAuthUserResponse(user: AuthUser): AuthUserResponseDto {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    departmentId: user.departmentId,
    townshipId: user.townshipId,
    county: user.county,
  };
}

export function toLoginResponse(result: LoginResult): LoginResponseDto {
  return {
    accessToken: result.accessToken,
    tokenType: result.tokenType,
    expiresIn: result.expiresIn,
    user: toAuthUserResponse(result.user),
  };
}
