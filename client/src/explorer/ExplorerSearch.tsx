// Search with autocomplete (names with Russian morphology and Latin spelling, INN, OKVED prefix):
// arrows move through the hits, Enter or a click chooses one, Esc closes the list.
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { errorText } from '../Details';
import { useI18n } from '../i18n';
import { useDebounced } from '../useDebounced';
import { HitMeta } from '../HitMeta';

export const ExplorerSearch = forwardRef<HTMLInputElement, { onChoose: (id: string) => void }>(function ExplorerSearch(
  { onChoose },
  ref,
) {
  const { t, lang } = useI18n();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useImperativeHandle(ref, () => input.current!);
  const q = useDebounced(text.trim(), 180);
  const hits = useQuery({
    queryKey: ['search', q],
    queryFn: ({ signal }) => api.search(q, signal),
    enabled: q.length > 0,
  });
  const list = hits.data?.hits ?? [];
  useEffect(() => setActive(0), [q]);

  const choose = (id: string) => {
    setOpen(false);
    onChoose(id);
    input.current?.blur();
  };

  return (
    <div className="autocomplete" role="combobox" aria-expanded={open && q.length > 0} aria-haspopup="listbox">
      <input
        ref={input}
        type="search"
        value={text}
        placeholder={t('searchPlaceholder')}
        aria-label={t('searchPlaceholder')}
        aria-autocomplete="list"
        aria-controls="explorer-hits"
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, list.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter' && list[active]) {
            e.preventDefault();
            choose(list[active].id);
          } else if (e.key === 'Escape') {
            setOpen(false);
            input.current?.blur();
          }
        }}
      />
      {open && q.length > 0 && (
        <div className="dropdown">
          {hits.isFetching && <p className="loading">{t('searching')}</p>}
          {hits.isError && (
            <p className="error" role="alert">
              {errorText(t, hits.error)}
            </p>
          )}
          {hits.data && list.length === 0 && !hits.isFetching && <p className="empty">{t('noHits')}</p>}
          <ul id="explorer-hits" role="listbox">
            {list.map((h, i) => (
              <li
                key={h.id}
                role="option"
                aria-selected={i === active}
                data-id={h.id}
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(h.id);
                }}
                onMouseEnter={() => setActive(i)}
              >
                <span className="name">{lang === 'en' && h.nameEn ? h.nameEn : h.name}</span>
                <HitMeta hit={h} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
});
