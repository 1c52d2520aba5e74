// A CLI failure the user can fix: printed as one line, exit code 1 (usage errors exit 2 via commander).
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
