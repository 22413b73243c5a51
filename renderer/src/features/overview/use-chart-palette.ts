import { useEffect, useState } from 'react';
import { readPalette, samePalette, type ChartPalette } from './chart-palette';

function readFromDocument(): ChartPalette {
  const style = getComputedStyle(document.documentElement);
  return readPalette((name) => style.getPropertyValue(name));
}

/** The chart colours of the applied theme, read again whenever the theme switches. */
export function useChartPalette(): ChartPalette {
  const [palette, setPalette] = useState(readFromDocument);
  useEffect(() => {
    const observer = new MutationObserver(() => {
      const next = readFromDocument();
      setPalette((current) => (samePalette(current, next) ? current : next));
    });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return palette;
}
