// Sandboxed preload: exposes `window.api`, the client generated from the one contract, over IPC.
// Imports only the contract kit and the contract (bundled in; a sandboxed preload can require
// nothing but 'electron').
import { contextBridge, ipcRenderer } from 'electron';
import { contract, METHOD_NAMES } from '../core/api/contract';
import { createClient, type Envelope } from '../core/api/kit';
import { bridgeSafe } from './bridge-client';

const client = createClient(
  contract,
  (method, payload) => ipcRenderer.invoke(`api:${method}`, payload) as Promise<Envelope<unknown>>,
);
contextBridge.exposeInMainWorld('api', bridgeSafe(client, METHOD_NAMES));
