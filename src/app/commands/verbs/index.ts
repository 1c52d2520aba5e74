// Every chat verb, in the order `help` lists them. To add one: write verbs/<name>.ts with defineVerb(...) (or in
// your own area, e.g. src/app/surveys/command.ts), put its summary/usage keys in your i18n catalogue, and add it to
// this list — see docs/platform-adapters.md, "Chat commands".
import type { CommandVerb } from '../types.js';
import { meVerb } from './me.js';

export const COMMAND_VERBS: CommandVerb[] = [meVerb];
