/**
 * The structs of `move/tusk/sources/events.move`, split into events and the
 * structs that are parts of events, and checked for what every generated
 * output relies on. A struct used as a field type of another struct in the
 * module (`ParameterValue`) is a part; every other struct is an event.
 *
 * Checks, each failing with the fix: every struct and every field has a `///`
 * doc comment (they are the documentation of the event layouts, copied into
 * `shared/src/events.ts` and `EVENTS.md`), every field type is one the
 * generators know, and a part is declared above the structs that use it (the
 * TypeScript schemas are constants, so a part must be defined first).
 */
import { parseMoveStructs, type MoveStruct, type MoveType } from '../testing/moveStructs.ts';

export interface EventsModule {
  /** The module's name (`events` in `module tusk::events;`). */
  moduleName: string;
  /** Every struct, in declaration order. */
  structs: MoveStruct[];
  /** The structs that are events, in declaration order. */
  events: MoveStruct[];
  /** The structs that are parts of events, in declaration order. */
  parts: MoveStruct[];
}

export const EVENTS_MOVE_PATH = 'move/tusk/sources/events.move';

export function readEventsModule(source: string): EventsModule {
  const moduleName = /^module\s+\w+::(\w+)\s*;/m.exec(source)?.[1];
  if (!moduleName) throw new Error(`${EVENTS_MOVE_PATH}: no "module <address>::<name>;" declaration`);
  const structs = parseMoveStructs(source);
  const declared = new Map(structs.map((s, index) => [s.name, index]));
  const used = new Set<string>();
  const problems: string[] = [];

  structs.forEach((struct, index) => {
    if (struct.doc === '') problems.push(`struct ${struct.name} has no /// doc comment`);
    for (const field of struct.fields) {
      if (field.doc === '') problems.push(`field ${struct.name}.${field.name} has no /// doc comment`);
      for (const name of structNamesIn(field.type)) {
        used.add(name);
        const at = declared.get(name);
        if (at === undefined) problems.push(`field ${struct.name}.${field.name}: struct ${name} is not declared here`);
        else if (at > index)
          problems.push(`struct ${name} (used by ${struct.name}.${field.name}) must be declared above it`);
      }
    }
  });
  if (problems.length > 0) throw new Error(`${EVENTS_MOVE_PATH}:\n- ${problems.join('\n- ')}`);

  return {
    moduleName,
    structs,
    events: structs.filter((s) => !used.has(s.name)),
    parts: structs.filter((s) => used.has(s.name)),
  };
}

function structNamesIn(type: MoveType): string[] {
  if (type.kind === 'struct') return [type.name];
  if (type.kind === 'vector' || type.kind === 'option') return structNamesIn(type.of);
  return [];
}
