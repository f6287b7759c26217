/** Entry point of the side panel webview: starts the app and posts `ready`, so the host sends strings and the trace. */
import type { HostToPanelMessage, PanelToHostMessage } from '../../src/protocol/messages';
import { acquireApi, onHostMessage } from '../common/vscodeApi';
import { PanelApp } from './app';

const api = acquireApi<unknown>();
const root = document.createElement('div');
root.className = 'panel-root';
document.body.appendChild(root);
const app = new PanelApp(root, api);
onHostMessage<HostToPanelMessage>((message) => app.handleMessage(message));

const ready: PanelToHostMessage = { type: 'ready' };
api.postMessage(ready);
