// Unit tier: pure logic next to the code (server in src/, the web app's formatting in web/src);
// touches no database, queue or network.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  roots: ['<rootDir>/src', '<rootDir>/web/src'],
  testRegex: '\\.spec\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  moduleNameMapper: {
    '^src/(.*)$': '<rootDir>/src/$1',
    '^test/(.*)$': '<rootDir>/test/$1',
    '^@calendar/(.*)$': '<rootDir>/src/calendar/$1',
    '^@personal-data/(.*)$': '<rootDir>/src/common/personal-data/$1',
    '^@/(.*)$': '<rootDir>/web/src/$1',
  },
  testEnvironment: 'node',
};
