/** POSIX shell quoting for the one place commands are assembled into strings for the remote shell. */

/** `value` as a single-quoted sh word that the shell passes through byte for byte. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
