import type { ArpTableReader } from './arp-table';

/**
 * Finds a host's MAC in the neighbour table, re-reading the table only when the snapshot is
 * older than the host's probes (the probes are what filled the entry in). Reads are coalesced:
 * hosts finishing together share one read, so a scan costs a few reads, not one per host.
 */
export class MacLookup {
  private snapshot: { takenAt: number; table: Map<string, string> } | null = null;
  private reading: Promise<void> | null = null;

  constructor(
    private readonly readTable: ArpTableReader,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The MAC of an address whose probes finished at `probedAt`, or ''. */
  async macFor(address: string, probedAt: number): Promise<string> {
    // Two rounds at most: a read already running may have started before this host's probes ended.
    for (let round = 0; round < 2 && (this.snapshot === null || this.snapshot.takenAt < probedAt); round++) {
      await this.refresh();
    }
    return this.snapshot?.table.get(address) ?? '';
  }

  private refresh(): Promise<void> {
    if (this.reading !== null) return this.reading;
    const takenAt = this.now();
    this.reading = this.readTable()
      .catch(() => new Map<string, string>())
      .then((table) => {
        this.snapshot = { takenAt, table };
        this.reading = null;
      });
    return this.reading;
  }
}
