/**
 * What timers and schedules share: named records, each with its pending timeout and the public
 * info that `getTimer`/`getSchedule` hand out as copies.
 */

/** One named timer or schedule. */
export interface TimedRecord<Info> {
  info: Info;
  handle: NodeJS.Timeout | undefined;
}

/** Named timed records: remove (clearing the timeout), clear, get, list and has. */
export class TimedRegistry<Info extends object, Entry extends TimedRecord<Info>> {
  protected readonly records = new Map<string, Entry>();

  remove(name: string): boolean {
    const record = this.records.get(name);
    if (record === undefined) return false;
    clearTimeout(record.handle);
    this.records.delete(name);
    return true;
  }

  clear(): void {
    for (const name of [...this.records.keys()]) this.remove(name);
  }

  get(name: string): Info | undefined {
    const record = this.records.get(name);
    return record === undefined ? undefined : { ...record.info };
  }

  list(): Info[] {
    return [...this.records.values()].map((record) => ({ ...record.info }));
  }

  has(name: string): boolean {
    return this.records.has(name);
  }
}
