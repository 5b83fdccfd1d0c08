/** The UI's engine thread: one request at a time, answered by handleRequest. */
import { parentPort } from 'node:worker_threads';
import { handleRequest } from './handleRequest.js';
import type { EngineRequest, EngineResponse } from './protocol.js';

parentPort!.on('message', (r: EngineRequest) => handleRequest(r, (m: EngineResponse) => parentPort!.postMessage(m)));
