/**
 * Saves text, or raw bytes such as a ZIP, as a file through the browser's download flow (works
 * the same inside Electron).
 */
export function downloadFile(fileName: string, mimeType: string, content: string | Uint8Array<ArrayBuffer>): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType || 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke on the next turn: some engines start reading the blob only after click returns.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
