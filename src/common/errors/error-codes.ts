import { HttpStatus } from '@nestjs/common';

// Every domain error code, and the one table that maps it to HTTP. The Record type keeps the table
// exhaustive: a new code that nobody maps fails to compile.
export enum ErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  DUTY_LIST_INVALID = 'DUTY_LIST_INVALID',
  IMPORT_NOT_FOUND = 'IMPORT_NOT_FOUND',
  TOWNSHIP_NOT_FOUND = 'TOWNSHIP_NOT_FOUND',
  UPLOAD_MISSING = 'UPLOAD_MISSING',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  FORBIDDEN = 'FORBIDDEN',
  USER_INVALID = 'USER_INVALID',
  USERNAME_TAKEN = 'USERNAME_TAKEN',
  DEPARTMENT_NOT_FOUND = 'DEPARTMENT_NOT_FOUND',
}

export const ERROR_HTTP_STATUS: Record<ErrorCode, HttpStatus> = {
  [ErrorCode.VALIDATION_FAILED]: HttpStatus.BAD_REQUEST,
  [ErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.CONFLICT]: HttpStatus.CONFLICT,
  [ErrorCode.DUTY_LIST_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.IMPORT_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.TOWNSHIP_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.UPLOAD_MISSING]: HttpStatus.BAD_REQUEST,
  [ErrorCode.UNAUTHENTICATED]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.INVALID_CREDENTIALS]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [ErrorCode.USER_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.USERNAME_TAKEN]: HttpStatus.CONFLICT,
  [ErrorCode.DEPARTMENT_NOT_FOUND]: HttpStatus.NOT_FOUND,
};
