import { Icon } from '../../components/icon';
import { SegmentedControl } from '../../components/segmented-control';
import { useTheme } from '../theme/use-theme';

/** Light / dark / follow the system. */
export function ThemeToggle() {
  const { preference, setPreference } = useTheme();
  return (
    <SegmentedControl
      label="Theme"
      value={preference}
      onChange={setPreference}
      testId="theme-toggle"
      options={[
        { value: 'light', label: 'Light theme', icon: <Icon name="sun" />, iconOnly: true },
        { value: 'dark', label: 'Dark theme', icon: <Icon name="moon" />, iconOnly: true },
        { value: 'system', label: 'Follow system theme', icon: <Icon name="monitor" />, iconOnly: true },
      ]}
    />
  );
}
