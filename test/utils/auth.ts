import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { App } from 'supertest/types';
import { CreateUserInput, UsersService } from 'src/users/users.service';

export const TEST_PASSWORD = 'test-password-123';

// Creates the user through the real service and signs in through the real endpoint.
export async function loginAs(
  app: INestApplication,
  input: Omit<CreateUserInput, 'password'>,
): Promise<string> {
  await app.get(UsersService).create({ ...input, password: TEST_PASSWORD });
  const response = await request(app.getHttpServer() as App)
    .post('/api/auth/login')
    .send({ username: input.username, password: TEST_PASSWORD })
    .expect(200);
  return (response.body as { accessToken: string }).accessToken;
}
