import { testEnvironment } from './test-env';

Object.assign(process.env, testEnvironment());
