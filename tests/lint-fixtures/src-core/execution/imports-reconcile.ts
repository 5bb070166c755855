// Fixture: a layer below the composition root importing reconcile/ must be flagged (1).
import { diffReconcile } from '../reconcile/diff';
export const x = diffReconcile;
