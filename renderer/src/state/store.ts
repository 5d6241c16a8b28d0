// Every renderer store is made here, so that nothing of a user stays once they sign out (a shared hospital
// workstation): each store goes back to what a fresh start would make, and the work left running for them
// (a job poller, a pending check) stops. Only what the sign-in itself needs is kept. The architecture test
// fails on a store made with zustand's `create` anywhere else, where a sign-out would forget to reset it.
import { create, type StateCreator, type StoreApi, type UseBoundStore } from 'zustand';

export type Store<T> = UseBoundStore<StoreApi<T>>;

const resets: (() => void)[] = [];
const stops = new Set<() => void>();

/** A store of what the signed-in user does or sees: back to its start when they sign out. */
export function createUserStore<T>(initializer: StateCreator<T, [], []>): Store<T> {
  const store = create<T>()(initializer);
  // Made afresh rather than the first state kept: the route is read from the URL, and the display
  // preferences from the workstation's storage, as they are at the sign-out.
  resets.push(() => store.setState(initializer(store.setState, store.getState, store), true));
  return store;
}

/** A store the sign-in itself needs (who is signed in, what the sign-in screen says): kept across a sign-out. */
export function createSignInStore<T>(initializer: StateCreator<T, [], []>): Store<T> {
  return create<T>()(initializer);
}

/** Run `stop` when the user signs out, before the stores are reset: work kept outside a store for them. */
export function onSignOut(stop: () => void): void {
  stops.add(stop);
}

/** The signed-in user is gone (signed out, their session ended, someone else signed in): forget them. */
export function forgetUser(): void {
  for (const stop of stops) stop();
  for (const reset of resets) reset();
}
