import { useEffect, useRef } from 'react';
import { useStdin } from 'ink';
import { splitKeys } from '../src/ui/splitKeys.js';

/**
 * Calls `onKey` with each keypress's raw text, and pasted text as one piece.
 * Ink's `useInput` flags cannot tell Ctrl+J (a newline in a task) from other
 * keys, and a fast typist's "text + Enter" arrives in one event, so this
 * reads the input events Ink emits and splits them into keys.
 */
export function useKeypress(onKey: (data: string, pasted: boolean) => void): void {
  const { setRawMode, isRawModeSupported, internal_eventEmitter } = useStdin() as ReturnType<typeof useStdin> & {
    internal_eventEmitter?: NodeJS.EventEmitter;
  };
  const handler = useRef(onKey);
  handler.current = onKey;
  useEffect(() => {
    if (!isRawModeSupported) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [isRawModeSupported, setRawMode]);
  useEffect(() => {
    const paste = { inPaste: false };
    const listener = (data: string) => {
      for (const key of splitKeys(data, paste)) handler.current(key.data, key.pasted);
    };
    internal_eventEmitter?.on('input', listener);
    return () => {
      internal_eventEmitter?.removeListener('input', listener);
    };
  }, [internal_eventEmitter]);
}
