/**
 * Move aborts -> sentences a person can act on. A failed Tusk transaction
 * reports a `MoveAbort` with the module it happened in and either a clever
 * error (the `#[error]` constant's name and message) or a plain u64 code. This
 * module pulls that out of whatever the client hands back (a structured
 * `ExecutionError`, a thrown `Error`, or just its message) and says what went
 * wrong in the user's terms. The table follows `move/wal/sources` and
 * `move/tusk/sources`: a test reads those files and fails when a constant has
 * no sentence here.
 */

export interface MoveAbortInfo {
  /** Package ID, when known. */
  package?: string;
  /** Module name, e.g. `staking`. */
  module?: string;
  functionName?: string;
  /** The raw abort code as a decimal string (a clever-error bitset or a plain u64 constant). */
  abortCode?: string;
  /** The `#[error]` constant name, e.g. `EWrongVersion`. */
  constantName?: string;
  /** The constant's rendered message, when the node sent it. */
  constantMessage?: string;
  /** The PTB command (0-based) that aborted. */
  command?: number;
}

interface AbortSentence {
  /** The plain u64 value, for constants declared as `const EName: u64 = n`. */
  code?: number;
  sentence: string;
}

/**
 * Sentences by module, then by constant name. Modules of the `wal` package
 * and of `tusk` share no names, so one flat lookup by module is enough.
 */
export const ABORT_SENTENCES: Record<string, Record<string, AbortSentence>> = {
  wal: {
    EWrongVersion: {
      sentence:
        'The WAL treasury has been upgraded and this app is calling an older package; reload the page to use the current one.',
    },
    EAlreadyMigrated: {
      sentence: 'The WAL treasury is already on the current package version; there is nothing to migrate.',
    },
  },
  blob: {
    EMetadataKeyNotFound: { sentence: 'This blob has no metadata under that key.' },
  },
  bls: {
    EInvalidCommittee: {
      sentence:
        'The committee data is inconsistent (node IDs, keys and shards differ in length); this is a protocol bug, please report it.',
    },
    EInvalidBitmap: { sentence: 'The certificate names signers that are not in the current committee.' },
    ENotEnoughWeight: {
      sentence: 'The certificate is not signed by enough of the committee: it needs nodes holding a quorum of shards.',
    },
    EInvalidSignature: { sentence: "The certificate's signature does not verify for its signers and message." },
  },
  encoding: {
    EUnsupportedEncoding: { sentence: 'This encoding type is not supported; only Reed-Solomon (type 0) is.' },
    ENoShards: {
      sentence: 'No committee is in office yet, so blobs cannot be stored; try again after the first epoch change.',
    },
    EBlobTooLarge: { sentence: 'This blob is too large: its encoded size does not fit in a u64.' },
  },
  messages: {
    EMalformedMessage: { sentence: 'The certificate message is malformed (wrong length or unknown persistence tag).' },
    EWrongIntent: { sentence: 'The certificate message is for a different kind of operation than this one.' },
  },
  storage_resource: {
    EInvalidSplitEpoch: { sentence: 'A storage resource can only be split at an epoch strictly inside its period.' },
    EInvalidSplitSize: { sentence: 'A storage split must be more than 0 bytes and less than the whole resource.' },
    EIncompatibleStorage: {
      sentence:
        'These storage resources cannot be fused: they need the same period, or the same size and adjacent periods.',
    },
  },
  staking: {
    EWrongVersion: {
      sentence:
        'Tusk has been upgraded and this app is calling an older package; reload the page to use the current one.',
    },
    EStakeBelowMinimum: {
      sentence: 'A stake must be at least 1 WAL, and a split must leave at least 1 WAL in both parts.',
    },
    EUnknownNode: { sentence: 'No storage node with that ID is registered.' },
    ENotActive: {
      sentence:
        'No committee has counted this pending position yet, so it needs no withdrawal request: withdraw it at once instead.',
    },
    EAlreadyWithdrawing: {
      sentence: 'A withdrawal was already requested for this position; withdraw it once its withdraw epoch begins.',
    },
    ENotWithdrawing: { sentence: 'Request a withdrawal first: this position is still staked.' },
    EWithdrawEpochNotReached: {
      sentence: 'This position is still unbonding: it can be withdrawn once its withdraw epoch begins.',
    },
    EIncompatibleStakedWal: {
      sentence:
        'These positions cannot be merged: they must be with the same node, active from the same epoch, and neither may be withdrawing.',
    },
    EInvalidSplitAmount: { sentence: 'Split amount must be more than 0 and leave at least 1 WAL in both positions.' },
    EInvalidCommissionRate: { sentence: 'Commission must be between 0% and 100%.' },
    EInvalidPublicKey: { sentence: 'The BLS public key or its proof of possession is invalid.' },
    ENotCommitteeMember: { sentence: 'Only a node in the current committee can do this.' },
    ECannotSlashSelf: { sentence: 'A node cannot vote to slash itself.' },
    EAlreadyVoted: { sentence: 'Your node has already voted to slash this node in this epoch.' },
    EAlreadySlashed: { sentence: 'This node has already been slashed for this epoch.' },
    ENoSlashQuorum: {
      sentence: 'The slash has not reached its quorum: nodes holding 2/3 of the shards must vote for it this epoch.',
    },
    EAlreadySynced: { sentence: 'This node has already confirmed it is in sync for this epoch.' },
    ETooEarly: {
      sentence:
        'Too early: the epoch has not reached that point yet (voting end comes at mid-epoch, the epoch change at its end).',
    },
    EWrongEpoch: { sentence: 'That is not the current epoch.' },
    EWrongEpochState: {
      sentence:
        'The epoch is not in the right phase for this (for example, an epoch change is still syncing); try again shortly.',
    },
    ENameTaken: { sentence: 'Another node already uses this name (names are unique, ignoring upper and lower case).' },
    ECommissionFrozen: {
      sentence:
        'Commission cannot be collected while a vote to slash this node is open in this epoch; it unfreezes when the epoch ends or the slash is executed.',
    },
    EPoolSharesOverflow: {
      sentence:
        "This node's pool was slashed so heavily that a stake this large could overflow its share count; stake less, or with another node.",
    },
    ESyncNotTimedOut: {
      sentence:
        'The committee still has time to sync: an epoch change can be completed without it only from half of the epoch on.',
    },
    ENotInCommittee: {
      sentence:
        'Only a member of the current committee can be voted against, and this node is not one (the committee changes at each epoch change).',
    },
    ECannotJoinActiveSet: {
      sentence:
        'This node cannot join the active set now: the set is full and its stake is not above that of a member outside the current and next committees (or it has no stake).',
    },
  },
  storage_node: {
    EInvalidName: {
      sentence:
        'A node name must be 1 to 64 printable ASCII characters (letters, digits, punctuation, single spaces), with no space at either end.',
    },
    EInvalidPublicKey: { sentence: 'The BLS public key must be 48 bytes (a compressed G1 point).' },
    EInvalidProofOfPossession: {
      sentence:
        'The proof of possession does not verify: sign the registration message with the BLS key for this sender.',
    },
  },
  staking_pool: {
    EInvalidCommissionRate: { sentence: 'Commission must be between 0% and 100%.' },
    ENotNextEpoch: { sentence: 'A pool can only advance to the next epoch.' },
    EEpochTooOld: {
      sentence:
        'This pool no longer keeps the exchange rate of that epoch (only the last 32 epochs); this is not expected from the dashboard, please report it.',
    },
  },
  governance: {
    EWrongVersion: {
      sentence:
        'Tusk has been upgraded and this app is calling an older package; reload the page to use the current one.',
    },
    EDepositTooLow: { sentence: 'The deposit is below the minimum for a proposal.' },
    EInvalidDigest: { sentence: 'A package digest must be exactly 32 bytes.' },
    EInvalidOption: { sentence: 'A vote must be Yes, No, Abstain or No with veto.' },
    ENoVotingPower: {
      sentence:
        "No voting power on this proposal: votes weigh stake that was active when the proposal's epoch began (a node's pool, or a position that is not withdrawing).",
    },
    EUnknownParameter: { sentence: 'There is no governed parameter with that name.' },
    EUnknownProposal: { sentence: 'There is no proposal with that ID.' },
    EVotingClosed: { sentence: 'Voting on this proposal has ended.' },
    EVotingNotEnded: { sentence: 'Voting on this proposal is still open; it can be finalized after its end epoch.' },
    EAlreadyFinalized: { sentence: 'This proposal has already been finalized.' },
    EAlreadyMigrated: {
      sentence: 'Governance is already on the current package version; there is nothing to migrate.',
    },
    EWrongUpgradeCap: { sentence: 'That UpgradeCap does not belong to the tusk package.' },
    EStakeChangedDuringProposal: {
      sentence:
        'This stake was created, split or merged after the proposal opened, so it cannot vote on it (this keeps the same WAL from voting twice).',
    },
    EUpgradeNotAuthorized: { sentence: 'No passed, unused upgrade proposal authorizes this package digest.' },
    EUpgradeDelayNotOver: {
      sentence:
        'This upgrade passed, but it can be applied only a few epochs later, so that holders who disagree can withdraw first.',
    },
  },
  params: {
    EUnknownParameter: { sentence: 'There is no governed parameter with that name.' },
    EInvalidParameterValue: {
      sentence: 'That value is outside the safe range for this parameter (the proposal form shows the allowed range).',
    },
  },
  system: {
    EWrongVersion: {
      sentence:
        'Tusk has been upgraded and this app is calling an older package; reload the page to use the current one.',
    },
    EAlreadyMigrated: {
      sentence: 'The system object is already on the current package version; there is nothing to migrate.',
    },
    EInvalidMaxEpochsAhead: { sentence: 'The maximum number of epochs ahead must be at least 1.' },
    ENotNextEpoch: { sentence: 'The system can only advance to the very next epoch.' },
    EZeroSize: { sentence: 'Storage size must be more than 0 bytes.' },
    EInvalidEpochRange: {
      sentence:
        'Storage must start no earlier than the current epoch and end within the allowed number of epochs ahead.',
    },
    ENotEnoughCapacity: {
      sentence:
        'The network has not enough free capacity for that much storage in one of those epochs; try a smaller size or fewer epochs.',
    },
    EInsufficientPayment: { sentence: 'The payment holds less WAL than the price; add WAL and try again.' },
    ECostOverflow: {
      sentence: 'The price of this request is too large to compute; request less storage or fewer epochs.',
    },
    EInvalidBlobId: { sentence: "The blob ID does not match the blob's encoding, size and root hash." },
    EStorageTooSmall: { sentence: "The storage resource is smaller than the blob's encoded size." },
    EStorageNotCurrent: { sentence: 'The storage resource does not cover the current epoch.' },
    EWrongCertificateEpoch: {
      sentence: 'The certificate was signed in another epoch; get a fresh one from the current committee.',
    },
    EWrongBlobId: { sentence: 'The certificate is for a different blob.' },
    EWrongPersistence: { sentence: "The certificate's persistence (permanent or deletable) does not match this blob." },
    EAlreadyCertified: { sentence: 'This blob is already certified.' },
    ENotCertified: { sentence: 'Only a certified blob can be extended; certify it first.' },
    EInvalidExtension: {
      sentence: "The extension storage must start at the blob's end epoch and have the blob's size.",
    },
    EBlobExpired: { sentence: 'This blob has expired.' },
    ENotDeletable: { sentence: 'This blob is permanent: it cannot be deleted, only burned.' },
    EStorageNotExpired: { sentence: 'Only expired storage can be destroyed.' },
    EInvalidEpochsAhead: {
      sentence: 'Storage can be bought for at least 1 and at most the allowed number of epochs ahead.',
    },
    EInvalidSize: { sentence: 'Storage size must be more than 0 bytes.' },
    EStorageExceeded: {
      sentence: 'The network has not enough free capacity for that much storage; try a smaller size or fewer epochs.',
    },
  },
};

/** Sentences for constants that mean the same thing in every Tusk module. */
const COMMON_SENTENCES: Record<string, string> = {
  EWrongVersion:
    'Tusk has been upgraded and this app is calling an older package; reload the page to use the current one.',
};

/** Parses the error text the Sui SDK and nodes produce for a Move abort. */
export function abortFromMessage(message: string): MoveAbortInfo | undefined {
  if (!/MoveAbort/.test(message)) return undefined;
  const info: MoveAbortInfo = {};
  // SDK format: "MoveAbort in 2nd command, 'EName': text, in '0xpkg::module::fn' (line 12)"
  const command = /MoveAbort in (\d+)(?:st|nd|rd|th) command/.exec(message);
  if (command) info.command = Number(command[1]) - 1;
  const clever = /, '([A-Za-z_][A-Za-z0-9_]*)'(?::\s*(.*?))?, in '/.exec(message);
  if (clever) {
    info.constantName = clever[1];
    if (clever[2]) info.constantMessage = clever[2];
  }
  const code = /abort code:\s*(\d+)/.exec(message);
  if (code) info.abortCode = code[1];
  const location = /in '(0x[0-9a-fA-F]+)::([A-Za-z_][A-Za-z0-9_]*)(?:::([A-Za-z_][A-Za-z0-9_]*))?'/.exec(message);
  if (location) {
    info.package = location[1];
    info.module = location[2];
    if (location[3]) info.functionName = location[3];
  }
  // Rust debug format: MoveAbort(MoveLocation { module: ModuleId { address: 0x.., name: Identifier("staking") }, function: 3, instruction: 10, function_name: Some("stake_with_pool") }, 7) in command 1
  if (!location) {
    const rustModule = /name:\s*Identifier\("([A-Za-z_][A-Za-z0-9_]*)"\)/.exec(message);
    if (rustModule) info.module = rustModule[1];
    const rustAddress = /address:\s*(0x)?([0-9a-fA-F]{1,64})/.exec(message);
    if (rustAddress) info.package = `0x${rustAddress[2]}`;
    const rustFn = /function_name:\s*Some\("([A-Za-z_][A-Za-z0-9_]*)"\)/.exec(message);
    if (rustFn) info.functionName = rustFn[1];
    const rustCode = /\},\s*(\d+)\)/.exec(message);
    if (rustCode && !info.abortCode) info.abortCode = rustCode[1];
    const rustCommand = /in command (\d+)/.exec(message);
    if (rustCommand && info.command === undefined) info.command = Number(rustCommand[1]);
  }
  return info;
}

/** The shape of `ExecutionError` from `@mysten/sui/client` that this module reads. */
interface ExecutionErrorLike {
  $kind?: string;
  message?: string;
  command?: number;
  MoveAbort?: {
    abortCode?: string;
    location?: { package?: string; module?: string; functionName?: string };
    cleverError?: { constantName?: string; value?: string };
  };
}

/** The abort inside a structured execution error, or undefined when it was no Move abort. */
export function abortFromExecutionError(error: ExecutionErrorLike | null | undefined): MoveAbortInfo | undefined {
  if (!error) return undefined;
  if (error.$kind === 'MoveAbort' && error.MoveAbort) {
    const abort = error.MoveAbort;
    return {
      package: abort.location?.package,
      module: abort.location?.module,
      functionName: abort.location?.functionName,
      abortCode: abort.abortCode,
      constantName: abort.cleverError?.constantName,
      constantMessage: abort.cleverError?.value,
      command: error.command,
    };
  }
  return error.message ? abortFromMessage(error.message) : undefined;
}

/** Clever-error codes set the top bit; their low 16 bits index the constant, not a value. */
function isCleverCode(code: bigint): boolean {
  return code >= 2n ** 63n;
}

/** One sentence for a Move abort. */
export function explainAbort(info: MoveAbortInfo): string {
  const module = info.module ?? '';
  const table = ABORT_SENTENCES[module] ?? {};
  if (info.constantName) {
    const known = table[info.constantName]?.sentence ?? COMMON_SENTENCES[info.constantName];
    if (known) return known;
    if (info.constantMessage) return sentence(info.constantMessage);
  }
  if (info.abortCode !== undefined && /^\d+$/.test(info.abortCode)) {
    const code = BigInt(info.abortCode);
    if (!isCleverCode(code)) {
      const match = Object.values(table).find((entry) => entry.code !== undefined && BigInt(entry.code) === code);
      if (match) return match.sentence;
    }
  }
  const where = module ? `${module}${info.functionName ? `::${info.functionName}` : ''}` : 'the Tusk package';
  const what = info.constantName ?? (info.abortCode !== undefined ? `abort code ${info.abortCode}` : 'an abort');
  return `The transaction was rejected by ${where} (${what}).`;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capitalized = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalized) ? capitalized : `${capitalized}.`;
}

/** Common non-abort failures, by a fragment of their message. */
const OTHER_FAILURES: [RegExp, string][] = [
  [
    /InsufficientGas|GasBalanceTooLow|insufficient gas|No valid gas coins/i,
    'Not enough SUI to pay for gas. Add SUI to this address and try again.',
  ],
  [/InsufficientCoinBalance|insufficient.*balance/i, 'Not enough WAL in this address for that amount.'],
  [/rejected|denied|cancel+ed by (the )?user/i, 'You declined the request in your wallet; nothing was sent.'],
  [
    /ObjectVersionUnavailable|ObjectNotFound|not found|deleted/i,
    'An object this transaction uses has changed or no longer exists; refresh and try again.',
  ],
  [
    /Failed to fetch|NetworkError|ECONNREFUSED|fetch failed/i,
    'Could not reach the Sui network; check your connection and try again.',
  ],
];

/**
 * One sentence for any failure a transaction flow can meet: a structured
 * execution error, an `Error`, or a message. Move aborts get their table
 * sentence; other known failures a fitting one; the rest their own message.
 */
export function explainFailure(failure: unknown): string {
  if (failure === null || failure === undefined) return 'The transaction failed for an unknown reason.';
  if (typeof failure === 'object' && ('$kind' in failure || 'MoveAbort' in failure)) {
    const abort = abortFromExecutionError(failure as ExecutionErrorLike);
    if (abort) return explainAbort(abort);
  }
  const message =
    typeof failure === 'string'
      ? failure
      : failure instanceof Error
        ? failure.message
        : typeof failure === 'object' &&
            'message' in failure &&
            typeof (failure as { message: unknown }).message === 'string'
          ? (failure as { message: string }).message
          : String(failure);
  const abort = abortFromMessage(message);
  if (abort) return explainAbort(abort);
  for (const [pattern, text] of OTHER_FAILURES) if (pattern.test(message)) return text;
  return sentence(message || 'The transaction failed for an unknown reason');
}
