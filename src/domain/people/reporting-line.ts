/**
 * The manager chain from `personId` upwards (excluding the person), stopping at a cycle or the top.
 * `managerOf` answers the manager id of a person, or null.
 */
export function managerChain(
  personId: string,
  managerOf: (id: string) => string | null | undefined,
): string[] {
  const chain: string[] = [];
  const seen = new Set([personId]);
  let current = managerOf(personId);
  while (current && !seen.has(current)) {
    chain.push(current);
    seen.add(current);
    current = managerOf(current);
  }
  return chain;
}

/** Setting `managerId` as the manager of `personId` would make the reporting line loop back on itself. */
export function wouldCreateCycle(
  personId: string,
  managerId: string,
  managerOf: (id: string) => string | null | undefined,
): boolean {
  if (personId === managerId) return true;
  return managerChain(managerId, managerOf).includes(personId);
}

/** Two people are in each other's reporting line when one is above the other. */
export function inReportingLine(
  a: string,
  b: string,
  managerOf: (id: string) => string | null | undefined,
): boolean {
  return managerChain(a, managerOf).includes(b) || managerChain(b, managerOf).includes(a);
}
