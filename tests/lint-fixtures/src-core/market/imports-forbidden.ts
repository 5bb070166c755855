// Fixture: market/ importing a value from the venue port, an adapter or strategy must be flagged (3).
import { REJECT_REASONS } from '../venues/port';
import { LighterAdapter } from '../venues/lighter/adapter';
import { screen } from '../strategy/screener';
export const x = [REJECT_REASONS, LighterAdapter, screen];
