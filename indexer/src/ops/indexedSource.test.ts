import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '@tusk/shared/db/database';
import { indexedSource } from '@tusk/shared/db/schema';
import { testDatabaseKinds } from '@tusk/shared/db/testing';
import { checkIndexedSource, SourceMismatchError } from './indexedSource.ts';

const PACKAGE = `0x${'a1'.repeat(32)}`;
const OTHER_PACKAGE = `0x${'b2'.repeat(32)}`;

describe.each(testDatabaseKinds())('indexed source on $name', (kind) => {
  let open: OpenDatabase;
  beforeEach(async () => {
    open = await kind.open();
  });
  afterEach(() => open.close());

  it('is recorded on the first start and accepted again, whatever the start checkpoint', async () => {
    await checkIndexedSource(open.db, { chainId: 'chain-a', packageIds: [PACKAGE], startCheckpoint: 5n });
    const again = await checkIndexedSource(open.db, { chainId: 'chain-a', packageIds: [PACKAGE], startCheckpoint: 0n });
    expect(again).toEqual({ chainId: 'chain-a', packageIds: [PACKAGE], startCheckpoint: 5n });
    expect(await open.db.select().from(indexedSource)).toHaveLength(1);
  });

  it('refuses other packages or another chain, naming what the database indexes', async () => {
    await checkIndexedSource(open.db, { chainId: 'chain-a', packageIds: [PACKAGE], startCheckpoint: 0n });
    const otherPackage = checkIndexedSource(open.db, {
      chainId: 'chain-a',
      packageIds: [OTHER_PACKAGE],
      startCheckpoint: 0n,
    });
    await expect(otherPackage).rejects.toThrow(SourceMismatchError);
    await expect(otherPackage).rejects.toThrow(`package(s) ${PACKAGE}, but this start asks for ${OTHER_PACKAGE}`);
    await expect(
      checkIndexedSource(open.db, { chainId: 'chain-b', packageIds: [PACKAGE], startCheckpoint: 0n }),
    ).rejects.toThrow('chain chain-a, but the full node serves chain chain-b');
  });
});
