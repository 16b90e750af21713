import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'dutyflow:isPublic';

// Marks a route that needs no token. Only health checks and the API docs are public.
export const Public = (): ClassDecorator & MethodDecorator => SetMetadata(IS_PUBLIC_KEY, true);
