/** Labelled dropdowns built on `vscode-single-select`. */
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import { html } from '../common/dom';

export interface SelectOption {
  readonly value: string;
  readonly label: string;
}

let nextId = 0;

/** Creates a labelled dropdown; `onChange` receives the chosen option's value. */
export function selectControl(
  label: string,
  options: readonly SelectOption[],
  current: string,
  onChange: (value: string) => void,
  name: string,
): HTMLElement {
  const id = `select-${name}-${nextId++}`;
  const select = html(
    'vscode-single-select',
    { id, 'aria-label': label, 'data-control': name },
    ...options.map((option) => html('vscode-option', { value: option.value, selected: option.value === current }, option.label)),
  );
  select.addEventListener('change', () => onChange(select.value));
  return html('div', { class: 'control' }, html('label', { for: id }, label), select);
}
