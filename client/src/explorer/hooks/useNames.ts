// Names of reference codes (regions, federal districts, stages) in the UI language, for the panels
// and cards that would otherwise show a code («timber.logging», «11»). Reads the reference the
// explorer already loaded (same query key), so it costs no request.
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { legendNames } from '../../../../core/i18n/legend';

export type ReferenceNames = ReturnType<typeof legendNames>;

export function useReferenceNames(): ReferenceNames {
  const { lang } = useI18n();
  const reference = useQuery({
    queryKey: ['reference'],
    queryFn: ({ signal }) => api.reference(signal),
    staleTime: Infinity,
  });
  return useMemo(() => legendNames(reference.data, lang), [reference.data, lang]);
}
