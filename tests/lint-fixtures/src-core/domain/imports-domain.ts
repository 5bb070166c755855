// Fixture: domain/ importing inside domain/ is allowed.
import { parseDecimal } from './decimal';
export const p = parseDecimal;
