/**
 * Recognises our events by the package address in their type
 * (`0x<package>::events::StakeDeposited`), which stays the defining package's
 * ID across upgrades. Checked on every event of every checkpoint, so it
 * avoids allocations for the common case of full-length addresses.
 */
import { normalizeSuiAddress } from '@mysten/sui/utils';

export class PackageFilter {
  readonly #packages: ReadonlySet<string>;

  constructor(packageIds: readonly string[]) {
    this.#packages = new Set(packageIds.map((id) => normalizeSuiAddress(id)));
  }

  /** Whether `eventType` is defined by one of our packages. */
  matches(eventType: string): boolean {
    const end = eventType.indexOf('::');
    if (end < 0) return false;
    // Nodes return normalized 66-character addresses; anything else is normalized first.
    const address = end === 66 ? eventType.slice(0, 66).toLowerCase() : normalizeSuiAddress(eventType.slice(0, end));
    return this.#packages.has(address);
  }
}
