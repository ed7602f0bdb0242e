import { createStore, type StoreApi } from 'zustand/vanilla';
import { initialState, type OrchState } from './orchState.js';

export type OrchStore = StoreApi<OrchState>;

/**
 * A fresh store per dashboard (and per test). Actions live in
 * `orchActions.ts` as pure functions; callers apply them with
 * `store.setState((s) => action(s, ...))`.
 */
export function createOrchStore(initial: Partial<OrchState> = {}): OrchStore {
  return createStore<OrchState>()(() => initialState(initial));
}

/** Apply a pure action; a no-op when it returns the same state. */
export function dispatch<A extends unknown[]>(
  store: OrchStore,
  action: (state: OrchState, ...args: A) => OrchState,
  ...args: A
): void {
  const before = store.getState();
  const after = action(before, ...args);
  if (after !== before) store.setState(after, true);
}
