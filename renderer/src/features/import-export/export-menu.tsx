import { errorMessage } from '../../api/api-client-error';
import { Icon } from '../../components/icon';
import { MenuButton } from '../../components/menu-button';
import { useToast } from '../../components/toast';
import { downloadFile } from '../../lib/download-file';
import { useExportAssets } from './use-import-export';

/** Export the site's inventory as CSV or JSON, downloaded under the name the host chose. */
export function ExportMenu({ siteId }: { siteId: number }) {
  const exporter = useExportAssets();
  const notify = useToast();
  const run = async (format: 'csv' | 'json', includeRetired: boolean) => {
    try {
      const file = await exporter.run({ siteId, format, includeRetired });
      downloadFile(file.fileName, file.mimeType, file.content);
      notify({ tone: 'success', text: `Exported ${file.fileName}` });
    } catch (error) {
      notify({ tone: 'danger', text: `Export failed: ${errorMessage(error)}` });
    }
  };
  return (
    <MenuButton
      label="Export"
      icon={<Icon name="download" />}
      testId="export-menu"
      items={[
        { label: 'CSV', description: 'For spreadsheets and other tools', onSelect: () => void run('csv', false), testId: 'export-csv' },
        { label: 'JSON', description: 'Every field, for scripts', onSelect: () => void run('json', false), testId: 'export-json' },
        { label: 'CSV including retired', description: 'The full history of hosts', onSelect: () => void run('csv', true), testId: 'export-csv-retired' },
      ]}
    />
  );
}
