export * from './trace';
export type { HostToPanelMessage, PanelToHostMessage } from './messages';
