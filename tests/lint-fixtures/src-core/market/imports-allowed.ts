// Fixture: market/ importing port types, domain, telemetry and store is allowed.
import type { L2Book } from '../venues/port';
import { parseDecimal } from '../domain/decimal';
import { Histogram } from '../telemetry/histogram';
import type { Db } from '../store/db';
export type X = [L2Book, Db];
export const y = [parseDecimal, Histogram];
