import { useEffect, useRef } from 'react';
import { useStdin } from 'ink';

/**
 * Calls `onKey` with each keypress's raw text. Ink's `useInput` flags
 * cannot tell Ctrl+J (a newline in a task) from other keys, so this reads
 * the same split-up input events Ink itself emits.
 */
export function useKeypress(onKey: (data: string) => void): void {
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
    const listener = (data: string) => handler.current(data);
    internal_eventEmitter?.on('input', listener);
    return () => {
      internal_eventEmitter?.removeListener('input', listener);
    };
  }, [internal_eventEmitter]);
}
