/** The package families the lab builds hosts for, each from its own cached layer over the base. */

/** Every family `lab up --families` accepts. */
export const LAB_FAMILIES = ['apt', 'dnf', 'zypper', 'pacman'] as const;
/** One of `LAB_FAMILIES`. */
export type LabFamily = (typeof LAB_FAMILIES)[number];

/** Whether `name` is a family the lab can build. */
export function isLabFamily(name: string): name is LabFamily {
  return (LAB_FAMILIES as readonly string[]).includes(name);
}
