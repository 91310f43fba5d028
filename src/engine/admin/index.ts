// The admin API of a running server (`maid server start`) and its client
// (`maid dev reload`, the studio): loopback only, token in <dataDir>/admin.json.
export { AdminServer, type AdminServerOptions } from './server';
export { engineBackend, jsonForm, type AdminBackend } from './backend';
export { validateReloadRequest, runReloadRequest, type ValidReloadRequest } from './reload-request';
export { packInfos, serverStatus } from './pack-info';
export { AdminClient, isProcessAlive, type EventSubscription } from './client';
export { AdminError, type AdminErrorKind } from './errors';
export { credentialsPath, readCredentials } from './credentials';
export { formatReloadResult, reloadLogLines, errorLocation, type ReloadLogLine } from '../hot-reload/format';
export { isLoopbackHost } from './loopback';
export { serverAnswers } from './probe';
export { checkRequestTarget, type TargetCheck } from './request-target';
export * from './protocol';
