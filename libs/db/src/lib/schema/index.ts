export * from './users';
export * from './customers';
export * from './segments';
export * from './campaigns';
export * from './engagement';
export * from './sending-settings';
export * from './consent';
export * from './webhooks';
