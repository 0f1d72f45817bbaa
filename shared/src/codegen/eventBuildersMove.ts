/**
 * Renders the end of `events.move`: one `public(package)` constructor
 * `new_<snake_name>(fields in order)` per struct, and per event an emitter
 * `emit_<snake_name>(self)` callable as `event.emit()`. The protocol emits
 * with `events::new_stake_deposited(...).emit()` and tests build the events
 * they expect with the same constructors, so the fields are written out
 * only in the struct and in this generated code.
 *
 * One emitter per event, not a generic one: `sui::event::emit` must be called
 * with a type declared in the calling module, and a type parameter is not
 * (the Sui compiler refuses it, E02008).
 */
import { formatMoveType, snakeCase, type MoveStruct } from '../testing/moveStructs.ts';
import { EVENTS_MOVE_PATH, type EventsModule } from './eventsModule.ts';

/** The first line of the generated part; everything from it to the end of the file is replaced. */
export const GENERATED_BUILDERS_HEADING = '// === Constructors and emitters (generated) ===';

// The width the Move sources keep to; longer signatures and literals break one field per line.
const WIDTH = 100;

/** `source` with its generated part rendered anew from its structs. */
export function withEventBuilders(source: string, module: EventsModule): string {
  const at = source.indexOf(`\n${GENERATED_BUILDERS_HEADING}\n`);
  if (at < 0) {
    throw new Error(
      `${EVENTS_MOVE_PATH} has no line "${GENERATED_BUILDERS_HEADING}": add it at the end of the file, below the structs`,
    );
  }
  return `${source.slice(0, at + 1)}${renderEventBuilders(module)}`;
}

export function renderEventBuilders(module: EventsModule): string {
  const events = new Set(module.events);
  const blocks = module.structs.map((struct) =>
    events.has(struct) ? `${constructor(struct)}\n\n${emitter(struct)}` : constructor(struct),
  );
  return [
    GENERATED_BUILDERS_HEADING,
    '// Written by `npm run generate:events -w @tusk/shared` from the structs above: do not edit',
    '// below the heading. Every struct gets `new_<name>(fields in order)`; every event also',
    '// `emit_<name>`, callable as `event.emit()` (one per event: `sui::event::emit` takes only',
    '// types declared in the calling module, so it cannot be wrapped generically).',
    '',
    blocks.join('\n\n'),
    '',
  ].join('\n');
}

function constructor(struct: MoveStruct): string {
  const name = `new_${snakeCase(struct.name)}`;
  const params = struct.fields.map((f) => `${f.name}: ${formatMoveType(f.type)}`);
  const oneLine = `public(package) fun ${name}(${params.join(', ')}): ${struct.name} {`;
  const signature =
    oneLine.length <= WIDTH
      ? oneLine
      : [`public(package) fun ${name}(`, ...params.map((p) => `    ${p},`), `): ${struct.name} {`].join('\n');
  const names = struct.fields.map((f) => f.name);
  const literal = `    ${struct.name} { ${names.join(', ')} }`;
  const body =
    literal.length <= WIDTH
      ? literal
      : [`    ${struct.name} {`, ...names.map((n) => `        ${n},`), `    }`].join('\n');
  return `${signature}\n${body}\n}`;
}

function emitter(struct: MoveStruct): string {
  const name = `emit_${snakeCase(struct.name)}`;
  return [
    `public use fun ${name} as ${struct.name}.emit;`,
    '',
    `public(package) fun ${name}(self: ${struct.name}) {`,
    `    event::emit(self)`,
    `}`,
  ].join('\n');
}
