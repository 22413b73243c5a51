import type { ChecklistSettingsSection } from '../shell/route';
import { useRoute } from '../shell/use-route';
import { RingsPanel } from './rings-panel';
import { ScheduleCard } from './schedule-card';
import { TemplateEditor } from './template-editor';
import { WindowsEditor } from './windows-editor';

const SECTIONS: { id: ChecklistSettingsSection; label: string; hint: string }[] = [
  { id: 'schedule', label: 'Schedule', hint: 'Anchor day and cadences' },
  { id: 'template', label: 'Checklist template', hint: 'The steps of each cycle' },
  { id: 'rings', label: 'Rings', hint: 'Test, pilot, broad' },
  { id: 'windows', label: 'Maintenance windows', hint: 'When patching may happen' },
];

/** The settings behind the cycles: one section at a time, each saved on its own. */
export function ChecklistSettings({ section }: { section: ChecklistSettingsSection }) {
  const { navigate } = useRoute();
  return (
    <div className="checklist-settings" data-testid="checklist-settings">
      <nav className="settings-nav" aria-label="Checklist settings">
        {SECTIONS.map((each) => (
          <button
            key={each.id}
            type="button"
            className="settings-nav__item"
            aria-current={section === each.id ? 'page' : undefined}
            onClick={() => navigate({ screen: 'checklist', view: 'settings', section: each.id })}
            data-testid={`settings-section-${each.id}`}
          >
            <span className="settings-nav__label">{each.label}</span>
            <span className="settings-nav__hint">{each.hint}</span>
          </button>
        ))}
      </nav>
      <div className="checklist-settings__body">
        {section === 'schedule' ? <ScheduleCard /> : null}
        {section === 'template' ? <TemplateEditor /> : null}
        {section === 'rings' ? <RingsPanel /> : null}
        {section === 'windows' ? <WindowsEditor /> : null}
      </div>
    </div>
  );
}
