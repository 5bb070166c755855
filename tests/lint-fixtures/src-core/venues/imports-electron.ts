// Fixture: the core importing electron must be flagged.
import { app } from 'electron';
export const name = app.getName();
