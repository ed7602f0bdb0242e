import { createContext, useContext } from 'react';
import type { CompositedBodies } from '../src/ui/compositedBodies.js';

/** The grid bodies drawn outside React; absent (tests of layout alone), panes draw their lines in React. */
export const BodiesContext = createContext<CompositedBodies | undefined>(undefined);

export function useCompositedBodies(): CompositedBodies | undefined {
  return useContext(BodiesContext);
}
