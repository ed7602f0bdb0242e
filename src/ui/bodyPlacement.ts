/**
 * Where Ink laid a body box out, in screen cells: its rectangle (the sum of
 * Yoga's computed offsets up to the root, as Ink itself places a node) and
 * the part the boxes around it leave visible (Ink clips a box's children
 * to inside its border when it hides overflow). Undefined when the box or
 * one around it is not displayed. Reads only Ink's public DOMElement.
 */
import type { DOMElement } from 'ink';
import { clipRect, type Placement, type Rect } from './bodyCompositor.js';

/** Yoga's edge numbers (yoga-layout's Edge enum). */
const EDGE_LEFT = 0;
const EDGE_TOP = 1;
const EDGE_RIGHT = 2;
const EDGE_BOTTOM = 3;

export function placementOf(node: DOMElement): Placement | undefined {
  const chain: DOMElement[] = [];
  for (let n: DOMElement | undefined = node; n; n = n.parentNode) {
    if (n.style.display === 'none') return undefined;
    chain.push(n);
  }
  // Absolute top left of every node in the chain, from the root down.
  const origins = new Map<DOMElement, { x: number; y: number }>();
  let x = 0;
  let y = 0;
  for (const n of [...chain].reverse()) {
    x += n.yogaNode?.getComputedLeft() ?? 0;
    y += n.yogaNode?.getComputedTop() ?? 0;
    origins.set(n, { x, y });
  }
  const own = origins.get(node)!;
  const yoga = node.yogaNode;
  if (!yoga) return undefined;
  const rect: Rect = { x: own.x, y: own.y, width: yoga.getComputedWidth(), height: yoga.getComputedHeight() };
  let visible = rect;
  for (const n of chain.slice(1)) {
    const clipX = n.style.overflowX === 'hidden' || n.style.overflow === 'hidden';
    const clipY = n.style.overflowY === 'hidden' || n.style.overflow === 'hidden';
    if (!clipX && !clipY) continue;
    const at = origins.get(n)!;
    const box = n.yogaNode!;
    const left = at.x + box.getComputedBorder(EDGE_LEFT);
    const top = at.y + box.getComputedBorder(EDGE_TOP);
    const clip: Rect = {
      x: clipX ? left : -1e6,
      y: clipY ? top : -1e6,
      width: clipX ? box.getComputedWidth() - box.getComputedBorder(EDGE_LEFT) - box.getComputedBorder(EDGE_RIGHT) : 2e6,
      height: clipY ? box.getComputedHeight() - box.getComputedBorder(EDGE_TOP) - box.getComputedBorder(EDGE_BOTTOM) : 2e6,
    };
    visible = clipRect(visible, clip);
  }
  return { rect, visible };
}
