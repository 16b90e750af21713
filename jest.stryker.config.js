// Mutation testing (npm run test:mutation): the unit specs of the engine's pure rules, the deadline
// ladder and the calendar, transpiled without type checks (Stryker's instrumented code is not typed).
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/src/domain', '<rootDir>/src/workflow', '<rootDir>/src/deadlines', '<rootDir>/src/calendar', '<rootDir>/src/supervision'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
};
