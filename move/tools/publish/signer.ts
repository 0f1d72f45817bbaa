// The publisher's key: `--key` names a file or an environment variable holding
// a Sui private key (`suiprivkey1...` as `sui keytool export` prints it, or a
// `sui.keystore` JSON array of base64 `flag || key` entries).
import type { Env } from '@tusk/shared/env';
import { existsSync, readFileSync } from 'node:fs';
import { decodeSuiPrivateKey, type Keypair } from '@mysten/sui/cryptography';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { Secp256k1Keypair } from '@mysten/sui/keypairs/secp256k1';
import { Secp256r1Keypair } from '@mysten/sui/keypairs/secp256r1';
import { fromBase64, normalizeSuiAddress } from '@mysten/sui/utils';

/** Where the key came from, for messages (never the key itself). */
export interface LoadedKey {
  keypair: Keypair;
  source: string;
}

/**
 * Loads `--key`: a path to a file, else the name of an environment variable.
 * With a keystore of several keys, `address` picks one.
 */
export function loadKey(spec: string, options: { env?: Env; address?: string } = {}): LoadedKey {
  const env = options.env ?? process.env;
  let text: string;
  let source: string;
  if (existsSync(spec)) {
    text = readFileSync(spec, 'utf8');
    source = `file ${spec}`;
  } else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(spec) && env[spec] !== undefined) {
    text = env[spec] ?? '';
    source = `environment variable ${spec}`;
  } else {
    throw new Error(
      `--key ${spec} is neither a readable file nor a set environment variable: ` +
        `pass a file holding a suiprivkey1... key (or a sui.keystore), or the name of a variable holding one`,
    );
  }
  return { keypair: parseKey(text.trim(), source, options.address), source };
}

/** Parses one key, or picks `address` out of a keystore array. */
export function parseKey(text: string, source: string, address?: string): Keypair {
  if (text.startsWith('[')) {
    let entries: unknown;
    try {
      entries = JSON.parse(text);
    } catch (error) {
      throw new Error(`${source} looks like a sui.keystore but is not valid JSON: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (!Array.isArray(entries) || entries.some((entry) => typeof entry !== 'string')) {
      throw new Error(`${source} must be a JSON array of base64 keys (a sui.keystore)`);
    }
    const keys = (entries as string[]).map((entry) => keyFromBytes(fromBase64(entry), source));
    if (address) {
      const wanted = normalizeSuiAddress(address);
      const match = keys.find((key) => key.toSuiAddress() === wanted);
      if (!match) throw new Error(`${source} holds no key for ${wanted}`);
      return match;
    }
    if (keys.length !== 1) {
      throw new Error(`${source} holds ${keys.length} keys: choose one with --address <0x...>`);
    }
    return keys[0]!;
  }
  let keypair: Keypair;
  if (text.startsWith('suiprivkey')) {
    keypair = fromSecret(decodeSuiPrivateKey(text), source);
  } else if (/^(0x)?[0-9a-fA-F]{64}$/.test(text)) {
    keypair = Ed25519Keypair.fromSecretKey(Buffer.from(text.replace(/^0x/, ''), 'hex'));
  } else {
    keypair = keyFromBytes(fromBase64(text), source);
  }
  if (address && keypair.toSuiAddress() !== normalizeSuiAddress(address)) {
    throw new Error(`${source} is the key of ${keypair.toSuiAddress()}, not of --address ${address}`);
  }
  return keypair;
}

/** A keystore entry: one flag byte (0 ed25519, 1 secp256k1, 2 secp256r1) then 32 key bytes. */
function keyFromBytes(bytes: Uint8Array, source: string): Keypair {
  if (bytes.length !== 33) {
    throw new Error(
      `${source} does not hold a Sui private key (expected suiprivkey1..., or base64 of flag + 32 bytes)`,
    );
  }
  const scheme = ({ 0: 'ED25519', 1: 'Secp256k1', 2: 'Secp256r1' } as const)[bytes[0] as 0 | 1 | 2];
  if (!scheme) throw new Error(`${source} holds a key of unsupported scheme flag ${bytes[0]}`);
  return fromSecret({ scheme, secretKey: bytes.slice(1) }, source);
}

function fromSecret(parsed: { scheme: string; secretKey: Uint8Array }, source: string): Keypair {
  switch (parsed.scheme) {
    case 'ED25519':
      return Ed25519Keypair.fromSecretKey(parsed.secretKey);
    case 'Secp256k1':
      return Secp256k1Keypair.fromSecretKey(parsed.secretKey);
    case 'Secp256r1':
      return Secp256r1Keypair.fromSecretKey(parsed.secretKey);
    default:
      throw new Error(`${source} holds a ${parsed.scheme} key, which cannot sign here`);
  }
}
