// Remembers which arXiv ids a file has used, and at which record, to report repeats. A file of a
// million records must not cost a hundred megabytes of Map entries: new-style ids (2507.14871)
// are packed into 31-bit integers in an open-addressing table of typed arrays, 16 bytes per id
// at most; the rare old-style ids (hep-th/9901001) go in a plain Map.
export class SeenArxivIds {
  private keys = new Int32Array(1 << 16); // 0 marks an empty slot; keys are stored + 1
  private records = new Int32Array(1 << 16);
  private size = 0;
  private readonly others = new Map<string, number>();

  /** The record that used `arxivId` first; if none did, notes `record` and returns undefined. */
  firstUse(arxivId: string, record: number): number | undefined {
    const key = packed(arxivId);
    if (key === null) {
      const earlier = this.others.get(arxivId);
      if (earlier === undefined) this.others.set(arxivId, record);
      return earlier;
    }
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const slot = this.slot(key);
    if (this.keys[slot] !== 0) return this.records[slot];
    this.keys[slot] = key + 1;
    this.records[slot] = record;
    this.size++;
    return undefined;
  }

  /** Where `key` is, or the empty slot where it would go (linear probing). */
  private slot(key: number): number {
    const mask = this.keys.length - 1;
    let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    while (this.keys[slot] !== 0 && this.keys[slot] !== key + 1) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const [keys, records] = [this.keys, this.records];
    this.keys = new Int32Array(keys.length * 2);
    this.records = new Int32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === 0) continue;
      const slot = this.slot(keys[i]! - 1);
      this.keys[slot] = keys[i]!;
      this.records[slot] = records[i]!;
    }
  }
}

/** yymm.nnnnn → yymm·10⁵ + nnnnn, plus 10⁹ for four-digit numbers (0704.0001 ≠ 0704.00001). */
function packed(arxivId: string): number | null {
  const match = /^(\d{4})\.(\d{4,5})$/.exec(arxivId);
  if (!match) return null;
  return Number(match[1]) * 100_000 + Number(match[2]) + (match[2]!.length === 4 ? 1_000_000_000 : 0);
}
