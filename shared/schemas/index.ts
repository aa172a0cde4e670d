export * from './dossier.ts';
export * from './events.ts';
export * from './profile.ts';
export * from './api.ts';
