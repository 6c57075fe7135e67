import { type RefObject, useEffect, useRef } from 'react';

const FOCUSABLE = 'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog for the keyboard: focus moves into it when it opens (its first control), Tab and Shift+Tab stay inside it, Esc calls `onEscape` (when given), and focus goes back
 * to where it was when the dialog closes.
 */
export function useDialogFocus(dialog: RefObject<HTMLElement | null>, onEscape?: () => void): void {
  const onEsc = useRef(onEscape);
  onEsc.current = onEscape;
  useEffect(() => {
    const root = dialog.current;
    if (!root) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // As Tab goes: one stop per radio group, its checked radio.
    const controls = (): HTMLElement[] => [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !isSkippedRadio(el, root));
    controls()[0]?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape' && onEsc.current) {
        e.preventDefault();
        e.stopPropagation();
        onEsc.current();
        return;
      }
      if (e.key !== 'Tab') return;
      const list = controls();
      const first = list[0];
      const last = list[list.length - 1];
      if (!first || !last) return;
      const inside = root.contains(document.activeElement);
      if (e.shiftKey && (document.activeElement === first || !inside)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (document.activeElement === last || !inside)) {
        e.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      if (before?.isConnected) before.focus();
    };
  }, [dialog]);
}

function isSkippedRadio(el: HTMLElement, root: HTMLElement): boolean {
  if (!(el instanceof HTMLInputElement) || el.type !== 'radio' || el.checked) return false;
  return root.querySelector(`input[type="radio"][name="${CSS.escape(el.name)}"]:checked`) !== null;
}
