/** Thrown when bytes claiming to be an NTLM message do not parse. */
export class NtlmFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NtlmFormatError';
  }
}
