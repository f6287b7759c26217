/**
 * Element builders for the webviews. Children given as strings become text nodes, so data is never parsed
 * as HTML. Attribute names starting with "on" are rejected, because the CSP blocks inline handlers and a
 * data-driven attribute name must never turn into one.
 */

export type AttributeValue = string | number | boolean | null | undefined;
export type Attributes = Readonly<Record<string, AttributeValue>>;
export type Child = Node | string | null | undefined | false;

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

function setAttributes(element: Element, attributes: Attributes | undefined): void {
  if (attributes === undefined) return;

  for (const [name, value] of Object.entries(attributes)) {
    if (/^on/i.test(name)) {
      throw new Error(`Invalid attribute "${name}": set event listeners with addEventListener instead.`);
    }
    if (value === undefined || value === null || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
}

function appendChildren(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Creates an HTML element with attributes and children (strings are inserted as text). */
export function html<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes?: Attributes,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  appendChildren(element, children);
  return element;
}

/** Creates an SVG element with attributes and children (strings are inserted as text). */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes?: Attributes,
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NAMESPACE, tag);
  setAttributes(element, attributes);
  appendChildren(element, children);
  return element;
}

/** Removes all children of `element`. */
export function clear(element: Element): void {
  while (element.firstChild !== null) element.removeChild(element.firstChild);
}
