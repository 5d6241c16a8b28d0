// Where a diagnosis sends the coordinator to change what it names: the view and its query.
// Pure, so it is unit-tested without a browser.
import type { FixTarget } from '../../../core/api/contract';
import type { Route } from '../state/routeHash';

export function routeOfFixTarget(t: FixTarget): Route {
  switch (t.kind) {
    case 'clinic_capacity':
      return { view: 'settings', query: { section: 'capacity' } };
    case 'rotation':
      return { view: 'rotations', query: { rotation: t.rotationId } };
    case 'person':
      return { view: 'person', query: { id: t.personId } };
  }
}
