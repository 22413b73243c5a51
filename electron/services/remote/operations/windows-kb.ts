/**
 * Checks what names a Windows update before it reaches a script: KB article ids and WUA update
 * ids are refused unless they have their exact shape, so nothing an operator typed is ever
 * interpolated into PowerShell (the scripts get them JSON-encoded inside base64 anyway).
 */

const KB = /^(?:KB)?([0-9]{4,8})$/i;
const UPDATE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The digits of a KB id (`KB5021233` or `5021233` → `5021233`); throws naming the bad value. */
export function kbDigits(value: string): string {
  const match = KB.exec(value.trim());
  if (!match?.[1]) throw new RangeError(`${JSON.stringify(value.slice(0, 40))} is not a KB article id (expected KB followed by 4 to 8 digits)`);
  return match[1];
}

/** `KB5021233` for any accepted spelling. */
export function kbName(value: string): string {
  return `KB${kbDigits(value)}`;
}

/** Whether `value` is a WUA update id (`Identity.UpdateID`, a GUID). */
export function isUpdateId(value: string): boolean {
  return UPDATE_ID.test(value);
}

const PIN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@([0-9]{1,9})$/i;

/** A pinned update, `<update id>@<revision>` (what a rollout's first ring got); null when `value` is not one. */
export function parseUpdatePin(value: string): { updateId: string; revision: number } | null {
  const match = PIN.exec(value.trim());
  return match?.[1] && match[2] ? { updateId: match[1].toLowerCase(), revision: Number(match[2]) } : null;
}

/** The pin of an update as a rollout stores it. */
export function updatePin(updateId: string, revision: number): string {
  return `${updateId.toLowerCase()}@${revision}`;
}
