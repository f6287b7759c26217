/** Entry point of the inspector webview: starts the app and sends the host a message that it can receive messages. */
import type { HostToInspectorMessage, InspectorToHostMessage } from '../../src/protocol/inspector-messages';
import { acquireApi, onHostMessage } from '../common/vscodeApi';
import { InspectorApp } from './app';

const api = acquireApi<unknown>();
const app = new InspectorApp(document.body, api);
onHostMessage<HostToInspectorMessage>((message) => app.handleMessage(message));

const ready: InspectorToHostMessage = { type: 'ready' };
api.postMessage(ready);
