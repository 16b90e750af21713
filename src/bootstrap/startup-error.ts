// Thrown with the one line an operator needs; entry points print it and exit 1, no stack trace.
export class StartupError extends Error {}
