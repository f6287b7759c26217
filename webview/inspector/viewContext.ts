/** Data and callbacks that every tab of the model editor receives to render. */
import type { InspectorToHostMessage, ModelView } from '../../src/protocol/inspector-messages';
import type { InspectorState } from './state';
import type { Strings } from './strings';

export interface InspectorContext {
  readonly model: ModelView;
  readonly state: InspectorState;
  readonly strings: Strings;
  /** Saves a state change and rebuilds the active tab, unless `rebuild` is false (the tab updated itself). */
  update(patch: Partial<InspectorState>, rebuild?: boolean): void;
  post(message: InspectorToHostMessage): void;
}
