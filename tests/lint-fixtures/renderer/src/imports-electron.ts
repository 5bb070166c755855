// Fixture: electron in the renderer must be flagged.
import { ipcRenderer } from 'electron';
export const r = ipcRenderer;
