import React, { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { OrchStore } from '../src/store/orchStore.js';
import type { OrchState } from '../src/store/orchState.js';

const StoreContext = createContext<OrchStore | undefined>(undefined);

export function StoreProvider({ store, children }: { store: OrchStore; children: React.ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** The dashboard's store, from the one context. */
export function useOrchStore(): OrchStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useOrchStore must be used inside <StoreProvider>');
  return store;
}

/** Read a slice of state; re-renders only when the selected value changes. */
export function useOrch<T>(selector: (state: OrchState) => T): T {
  return useStore(useOrchStore(), selector);
}
