// Fixture: domain/ importing a venue must be flagged.
import { REJECT_REASONS } from '../venues/port';
export const r = REJECT_REASONS;
