import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from 'src/common/validation/page-query.dto';
import { IsPhoneNumber } from 'src/common/personal-data/personal-data.validators';
import { PASSWORD_MAX_LENGTH } from 'src/users/password-policy';
import { UserRole } from 'src/users/user-role';
import { UserListRow } from 'src/users/users.repository';

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class UnitAssignmentDto {
  @ApiProperty({ enum: UserRole, enumName: 'UserRole' })
  @IsIn(Object.values(UserRole))
  role!: UserRole;

  @ApiPropertyOptional({ description: '部门全称、简称或 ID（县直部门工作人员）' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  department?: string;

  @ApiPropertyOptional({ description: '乡镇名称或 ID（乡镇工作人员）' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  township?: string;

  @ApiPropertyOptional({ example: '奇台县', description: '所辖县（督办人员）' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  county?: string;
}

export class CreateUserDto extends UnitAssignmentDto {
  @ApiProperty({ example: 'qitai-canlian-li', description: '登录名（2–64 个字符：中文、字母、数字、._-）' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username!: string;

  @ApiProperty({ example: '李娜', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName!: string;

  @ApiPropertyOptional({ example: '13912345678', description: '手机号或带区号的固定电话' })
  @IsOptional()
  @IsPhoneNumber()
  phone?: string;

  @ApiProperty({ description: '初始密码（至少 8 位，含字母、数字、符号中的两类）' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;

  @ApiPropertyOptional({ default: false, description: '是否为本单位负责人' })
  @IsOptional()
  @IsBoolean()
  isLeader?: boolean;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: '联系电话；null 清除' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsPhoneNumber()
  phone?: string | null;
}

export class ResetPasswordDto {
  @ApiProperty({ description: '新密码（至少 8 位，含字母、数字、符号中的两类）；该用户已签发的令牌立即失效' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

export class ChangeOwnPasswordDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  oldPassword!: string;

  @ApiProperty({ description: '新密码（至少 8 位，含字母、数字、符号中的两类，不含用户名）' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  newPassword!: string;
}

export class SetLeaderDto {
  @ApiProperty({ description: 'true：设为本单位负责人；false：取消' })
  @IsBoolean()
  isLeader!: boolean;
}

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '登录名或姓名关键字' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  q?: string;

  @ApiPropertyOptional({ enum: UserRole, enumName: 'UserRole' })
  @IsOptional()
  @IsIn(Object.values(UserRole))
  role?: UserRole;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  department?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  township?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  county?: string;

  @ApiPropertyOptional({ description: 'true 只列启用的，false 只列已停用的' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  active?: boolean;
}

export class UserResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  username!: string;

  @ApiProperty()
  displayName!: string;

  @ApiProperty({ enum: UserRole, enumName: 'UserRole' })
  role!: UserRole;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  departmentId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  townshipId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: '所属县' })
  county!: string | null;

  @ApiProperty({ type: String, nullable: true, description: '所属部门或乡镇名称' })
  unitName!: string | null;

  @ApiProperty({ type: String, nullable: true })
  phone!: string | null;

  @ApiProperty({ description: '本单位负责人' })
  isLeader!: boolean;

  @ApiProperty({ description: 'false：已停用，不能登录，已签发的令牌失效' })
  active!: boolean;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  passwordChangedAt!: Date | null;
}

export class UserPageDto {
  @ApiProperty({ type: [UserResponseDto] })
  items!: UserResponseDto[];

  @ApiProperty()
  total!: number;

  @ApiProperty()
  page!: number;

  @ApiProperty()
  pageSize!: number;
}

export function toUserResponse(row: UserListRow): UserResponseDto {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    departmentId: row.departmentId,
    townshipId: row.townshipId,
    county: row.county,
    unitName: row.unitName,
    phone: row.phone,
    isLeader: row.isLeader,
    active: row.active,
    createdAt: row.createdAt,
    passwordChangedAt: row.passwordChangedAt,
  };
}
