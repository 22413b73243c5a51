/** The few IPC channel names between preload and main; the contract travels inside `invoke`. */
export const IPC = {
  invoke: 'patchdesk:invoke',
  event: 'patchdesk:event',
  preferencesGet: 'patchdesk:preferences:get',
  preferencesSet: 'patchdesk:preferences:set',
} as const;
