import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ABORT_SENTENCES,
  abortFromExecutionError,
  abortFromMessage,
  explainAbort,
  explainFailure,
} from './abortCodes.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));

describe('abort translation', () => {
  it('reads a structured MoveAbort with a clever error', () => {
    const info = abortFromExecutionError({
      $kind: 'MoveAbort',
      message: 'x',
      command: 1,
      MoveAbort: {
        abortCode: '9223372036854775808',
        location: { module: 'wal', functionName: 'burn' },
        cleverError: { constantName: 'EWrongVersion' },
      },
    });
    expect(info).toMatchObject({ module: 'wal', constantName: 'EWrongVersion', command: 1 });
    expect(explainAbort(info!)).toMatch(/WAL treasury has been upgraded/);
  });

  it('parses the SDK message format with and without a clever error', () => {
    const clever = abortFromMessage(
      "MoveAbort in 2nd command, 'ESomething': the pool is not active, in '0xabc::staking::stake_with_pool' (line 12)",
    );
    expect(clever).toEqual({
      command: 1,
      constantName: 'ESomething',
      constantMessage: 'the pool is not active',
      package: '0xabc',
      module: 'staking',
      functionName: 'stake_with_pool',
    });
    expect(explainAbort(clever!)).toBe('The pool is not active.');
    const plain = abortFromMessage(
      "MoveAbort in 1st command, abort code: 7, in '0xabc::governance::vote_as_node' (instruction 4)",
    );
    expect(plain).toMatchObject({ abortCode: '7', module: 'governance', functionName: 'vote_as_node' });
    expect(explainAbort(plain!)).toBe('The transaction was rejected by governance::vote_as_node (abort code 7).');
  });

  it('parses the Rust debug format nodes put in error strings', () => {
    const info = abortFromMessage(
      'MoveAbort(MoveLocation { module: ModuleId { address: 0000000000000000000000000000000000000000000000000000000000000abc, name: Identifier("staking") }, function: 3, instruction: 10, function_name: Some("withdraw_stake") }, 13) in command 0',
    );
    expect(info).toMatchObject({ module: 'staking', functionName: 'withdraw_stake', abortCode: '13', command: 0 });
  });

  it('explains common non-abort failures and passes other messages through as sentences', () => {
    expect(explainFailure(new Error('User rejected the request'))).toMatch(/declined the request/);
    expect(explainFailure('InsufficientGas')).toMatch(/Not enough SUI/);
    expect(explainFailure(new TypeError('Failed to fetch'))).toMatch(/Could not reach/);
    expect(explainFailure('something odd')).toBe('Something odd.');
    expect(explainFailure(undefined)).toMatch(/unknown reason/);
  });

  it('has a sentence for every #[error] constant in the Move packages', () => {
    const missing: string[] = [];
    for (const pkg of ['wal', 'tusk']) {
      const dir = join(repo, 'move', pkg, 'sources');
      if (!existsSync(dir)) continue;
      for (const file of readdirSync(dir).filter((name) => name.endsWith('.move'))) {
        const source = readFileSync(join(dir, file), 'utf8');
        const module = /module\s+\w+::(\w+)/.exec(source)?.[1];
        if (!module) continue;
        for (const match of source.matchAll(/const\s+(E[A-Z]\w*)\s*:/g)) {
          const name = match[1]!;
          if (!ABORT_SENTENCES[module]?.[name]) missing.push(`${module}::${name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
