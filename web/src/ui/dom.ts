/** A tiny element builder: no framework, no innerHTML (so no injection from captions). */

type Child = Node | string | number | false | null | undefined;
type AttrValue = string | number | boolean | undefined | null | ((event: never) => void);

/**
 * Creates an element. `on<event>` attributes become listeners, `true` makes
 * an empty boolean attribute, `false`/null/undefined are skipped.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, AttrValue> = {},
  ...children: Array<Child | Child[]>
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value as EventListener);
    } else if (name === 'value' && 'value' in element) {
      (element as HTMLInputElement).value = String(value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(parent: Element, children: Array<Child | Child[]>) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces an element's children. */
export function replaceChildren(parent: Element, ...children: Array<Child | Child[]>) {
  parent.replaceChildren();
  append(parent, children);
}
