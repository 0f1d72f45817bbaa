import { describe, expect, it } from 'vitest';
import { Journal } from './context.ts';

describe('Journal', () => {
  it('undoes every change made through a touched map: added, replaced, deleted and cleared keys', () => {
    const map = new Map<string, number>([
      ['kept', 1],
      ['replaced', 2],
      ['deleted', 3],
    ]);
    const journal = new Journal();
    const view = journal.touch(map);
    view.set('added', 4);
    view.set('replaced', 20);
    view.set('replaced', 200);
    view.delete('deleted');
    expect([...map]).toEqual([
      ['kept', 1],
      ['replaced', 200],
      ['added', 4],
    ]);
    journal.rollback();
    expect(Object.fromEntries(map)).toEqual({ kept: 1, replaced: 2, deleted: 3 });

    journal.touch(map).clear();
    expect(map.size).toBe(0);
    journal.rollback();
    expect(Object.fromEntries(map)).toEqual({ kept: 1, replaced: 2, deleted: 3 });
  });

  it('keeps committed changes and restores touched objects deeply', () => {
    const map = new Map<string, number>();
    const header = { epoch: 1, list: [1, 2] };
    const journal = new Journal();
    journal.touch(map).set('a', 1);
    journal.commit();
    journal.touch(header).list.push(3);
    header.epoch = 2;
    journal.touch(map).set('b', 2);
    journal.rollback();
    expect(Object.fromEntries(map)).toEqual({ a: 1 });
    expect(header).toEqual({ epoch: 1, list: [1, 2] });
  });
});
