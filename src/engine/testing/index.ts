// The pack test kit: what pack authors import as `@maid/engine/testing`.
export { checkPackContract, PackCheckError } from './compliance';
export { checkPackLifecycle, type LifecycleOptions } from './lifecycle';
export { createTestEngine, type TestEngine, type TestEngineOptions } from './engine-fixture';
export { TestPlayer, plainText } from './test-player';
export { registrationsOf, isEmptyRegistration, type PackRegistrations } from './registrations';
