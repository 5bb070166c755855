// Fixture: venues/ importing domain, telemetry and venues is allowed.
import { parseDecimal } from '../../domain/decimal';
import { Histogram } from '../../telemetry/histogram';
import { HttpClient } from '../common/http';
export const x = [parseDecimal, Histogram, HttpClient];
