// Fixture: the core reaching up into the Electron shell must be flagged.
import { windowOptions } from '../../main/window-options';
export const opts = windowOptions('x');
