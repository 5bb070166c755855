// Fixture: strategy/ importing the store or telemetry must be flagged (2).
import { openStore } from '../store/db';
import { Histogram } from '../telemetry/histogram';
export const x = [openStore, Histogram];
