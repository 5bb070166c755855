// Fixture: the core importing UI code must be flagged.
import { App } from '../../renderer/src/App';
export const app = App;
