import { EnvironmentVariables, validateEnv } from './env.schema';

// Entry points (main, worker, CLI, TypeORM data source) call this once; modules use AppConfigService.
export function loadEnvironment(): EnvironmentVariables {
  return validateEnv(process.env);
}
