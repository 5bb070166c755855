// Fixture: electron in main/ is allowed.
import { app } from 'electron';
export const name = app.getName();
